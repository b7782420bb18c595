#include "report_writer.h"

#include "adaround/versions.h"
#include "config_diff.h"

#include <qcustomplot.h>

#include <QAbstractItemModel>
#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString top1(const ComparedRun& r, const adaround::Accuracy adaround::RunFinished::*which)
{
    return r.finished ? QString::number((*r.finished.*which).top1, 'f', 2) : QStringLiteral("–");
}

QString top5(const ComparedRun& r, const adaround::Accuracy adaround::RunFinished::*which)
{
    return r.finished ? QString::number((*r.finished.*which).top5, 'f', 2) : QStringLiteral("–");
}

QString runHeading(const ComparedRun& r, int i, bool comparison)
{
    const QString name = comparison ? runLetter(i) + QStringLiteral(": ") + r.label : r.label;
    return QStringLiteral("<span style=\"color:%1\">■</span> %2").arg(r.color.name(), esc(name));
}

QString modelText(const ComparedRun& r)
{
    const QString name = QFileInfo(QString::fromStdString(r.config.modelPath)).fileName();
    return r.modelSha256.empty() ? name
                                 : name + QStringLiteral(" (sha256 ") + QString::fromStdString(r.modelSha256).left(12) +
                                       QStringLiteral("…)");
}

QString tableHtml(const QAbstractItemModel& m)
{
    QString html = QStringLiteral("<table class=\"layers\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr>");
    for (int c = 0; c < m.columnCount(); ++c)
        html += QStringLiteral("<th>%1</th>").arg(esc(m.headerData(c, Qt::Horizontal).toString()));
    html += QStringLiteral("</tr>\n");
    for (int r = 0; r < m.rowCount(); ++r) {
        html += QStringLiteral("<tr>");
        for (int c = 0; c < m.columnCount(); ++c)
            html += QStringLiteral("<td%1>%2</td>")
                        .arg(c == 0 ? QString() : QStringLiteral(" align=\"right\""),
                             esc(m.index(r, c).data().toString()));
        html += QStringLiteral("</tr>\n");
    }
    return html + QStringLiteral("</table>\n");
}

QString settingsHtml(const ReportContent& c)
{
    const bool comparison = c.runs.size() > 1;
    QString html;
    if (comparison) {
        std::vector<adaround::AdaRoundConfig> configs;
        for (const ComparedRun& r : c.runs)
            configs.push_back(r.config);
        QStringList keys;
        for (size_t i = 1; i < configs.size(); ++i)
            for (const QString& k : differingSettings(configs[0], configs[i]))
                if (!keys.contains(k))
                    keys << k;
        keys.sort();
        html += QStringLiteral("<h2>Settings that differ</h2>\n");
        if (keys.isEmpty()) {
            html += QStringLiteral("<p>None: the runs were made with the same settings.</p>\n");
        } else {
            html += QStringLiteral("<table class=\"settings\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><th>Setting</th>");
            for (size_t i = 0; i < c.runs.size(); ++i)
                html += QStringLiteral("<th>%1</th>").arg(runHeading(c.runs[i], int(i), true));
            html += QStringLiteral("</tr>\n");
            for (const QString& k : keys) {
                html += QStringLiteral("<tr><td>%1</td>").arg(esc(settingName(k)));
                for (const ComparedRun& r : c.runs)
                    html += QStringLiteral("<td>%1</td>").arg(esc(settingValue(k, r.config)));
                html += QStringLiteral("</tr>\n");
            }
            html += QStringLiteral("</table>\n");
        }
    }
    const ComparedRun& shown = c.runs.front();
    html += comparison ? QStringLiteral("<h2>Configuration of %1 (the run shown)</h2>\n").arg(runLetter(0))
                       : QStringLiteral("<h2>Configuration</h2>\n");
    html += QStringLiteral("<table class=\"settings\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n");
    html += QStringLiteral("<tr><td>model file</td><td>%1</td></tr>\n").arg(esc(QString::fromStdString(shown.config.modelPath)));
    if (!shown.modelSha256.empty())
        html += QStringLiteral("<tr><td>model sha256</td><td>%1</td></tr>\n").arg(esc(QString::fromStdString(shown.modelSha256)));
    if (!shown.source.isEmpty())
        html += QStringLiteral("<tr><td>run log</td><td>%1</td></tr>\n").arg(esc(shown.source));
    for (const auto& [name, value] : allSettings(shown.config))
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>\n").arg(esc(name), esc(value));
    return html + QStringLiteral("</table>\n");
}

QString accuracyHtml(const ReportContent& c)
{
    const bool comparison = c.runs.size() > 1;
    QString html = QStringLiteral("<h2>Final accuracy</h2>\n<table class=\"accuracy\" border=\"1\" cellspacing=\"0\" "
                                  "cellpadding=\"3\"><tr><th>Run</th><th>model</th><th>FP32 top-1 %</th><th>RTN top-1 "
                                  "%</th><th>AdaRound top-1 %</th><th>FP32 top-5 %</th><th>RTN top-5 %</th>"
                                  "<th>AdaRound top-5 %</th><th>images</th></tr>\n");
    using F = adaround::RunFinished;
    for (size_t i = 0; i < c.runs.size(); ++i) {
        const ComparedRun& r = c.runs[i];
        html += QStringLiteral("<tr><td>%1</td><td>%2</td>").arg(runHeading(r, int(i), comparison), esc(modelText(r)));
        for (auto which : {&F::fp32, &F::rtn, &F::adaround})
            html += QStringLiteral("<td align=\"right\">%1</td>").arg(top1(r, which));
        for (auto which : {&F::fp32, &F::rtn, &F::adaround})
            html += QStringLiteral("<td align=\"right\">%1</td>").arg(top5(r, which));
        html += QStringLiteral("<td align=\"right\">%1</td></tr>\n")
                    .arg(r.finished ? QString::number(r.finished->fp32.count) : QStringLiteral("not completed"));
    }
    return html + QStringLiteral("</table>\n");
}

QByteArray png(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

QImage plotImage(QCustomPlot* plot)
{
    const bool laidOut = plot->isVisible() && plot->width() >= 200 && plot->height() >= 150;
    const int w = laidOut ? plot->width() : 900;
    const int h = laidOut ? plot->height() : 520;
    plot->replot(QCustomPlot::rpImmediateRefresh);
    return plot->toPixmap(w, h, 2.0).toImage();
}

QString reportHtml(const ReportContent& c, bool embed)
{
    QString html = QStringLiteral(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n<style>"
        "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin-bottom:1em}"
        "th{background:#eee}td,th{padding:3px 6px;border:1px solid #bbb}img{max-width:100%}"
        ".warning{background:#fff4ce;border:1px solid #e0c060;padding:6px}</style></head><body>\n")
                       .arg(esc(c.title));
    html += QStringLiteral("<h1>%1</h1>\n").arg(esc(c.title));
    html += QStringLiteral("<p>AdaRound Workbench %1, %2</p>\n")
                .arg(esc(QString::fromStdString(adaround::appVersion())),
                     QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (c.runs.size() > 1) {
        html += QStringLiteral("<p>Runs compared (named by the settings that differ):</p><ul>\n");
        for (size_t i = 0; i < c.runs.size(); ++i)
            html += QStringLiteral("<li>%1 %2</li>\n")
                        .arg(runHeading(c.runs[i], int(i), true),
                             c.runs[i].source.isEmpty() ? QString() : QStringLiteral("— ") + esc(c.runs[i].source));
        html += QStringLiteral("</ul>\n");
    }
    if (!c.warning.isEmpty())
        html += QStringLiteral("<p class=\"warning\" style=\"background:#fff4ce\">%1</p>\n").arg(esc(c.warning));
    if (!c.runs.empty()) {
        html += settingsHtml(c);
        html += accuracyHtml(c);
    }
    if (c.layerTable) {
        html += QStringLiteral("<h2>%1</h2>\n").arg(esc(c.tableTitle));
        html += tableHtml(*c.layerTable);
    }
    html += QStringLiteral("<h2>Plots</h2>\n");
    for (int i = 0; i < c.plots.size(); ++i) {
        const QString src = embed ? QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png(c.plots[i].second).toBase64())
                                  : QStringLiteral("plot%1.png").arg(i);
        // Half the pixel size: the pictures are rendered at 2× for print.
        html += QStringLiteral("<h3>%1</h3>\n<p><img src=\"%2\" width=\"%3\" alt=\"%1\"></p>\n")
                    .arg(esc(c.plots[i].first), src)
                    .arg(c.plots[i].second.width() / 2);
    }
    return html + QStringLiteral("</body></html>\n");
}

bool writeReport(const ReportContent& c, const QString& file, QString* error)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(file);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setResolution(150);
        pdf.setTitle(c.title);
        pdf.setCreator(QStringLiteral("AdaRound Workbench"));
        QTextDocument doc;
        for (int i = 0; i < c.plots.size(); ++i)
            doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("plot%1.png").arg(i)), c.plots[i].second);
        doc.setHtml(reportHtml(c, false));
        doc.print(&pdf); // laid out at screen scale on the A4 page, margins included
        if (QFileInfo(file).size() > 0)
            return true;
        if (error)
            *error = QObject::tr("cannot write %1").arg(file);
        return false;
    }
    if (suffix != QLatin1String("html") && suffix != QLatin1String("htm")) {
        if (error)
            *error = QObject::tr("%1: a report is .html or .pdf").arg(file);
        return false;
    }
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(reportHtml(c, true).toUtf8()) < 0 || !out.commit()) {
        if (error)
            *error = QObject::tr("cannot write %1: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}
