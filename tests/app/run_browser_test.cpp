// The run browser, comparisons and reports on real logs: short runs of the
// small demo made with adaround-cli into a temporary folder (two models, the
// CNN again from another path, two values of λ, a run cancelled while it ran).
#include "adaround/run_log.h"
#include "comparison_view.h"
#include "config_diff.h"
#include "layer_compare_model.h"
#include "layer_results_model.h"
#include "main_window.h"
#include "run_browser.h"
#include "run_browser_model.h"
#include "run_dashboard.h"
#include "run_folder_scanner.h"
#include "run_notes.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "app_test_support.h"

#include <cmath>
#include <limits>

using apptest::runArgs;
using apptest::runCli;
using apptest::sha256;

namespace {

const QString kCnn = QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");
const QString kMobileNet = QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt");

// The proxy row that shows LOG, or -1.
int viewRow(const RunBrowser& b, const QString& log)
{
    for (int r = 0; r < b.filter()->rowCount(); ++r)
        if (b.filter()->index(r, 0).data(RunBrowserModel::kPathRole).toString() == log)
            return r;
    return -1;
}

QString cell(const RunBrowser& b, const QString& log, int column)
{
    const int row = b.model()->rowOf(log);
    return row < 0 ? QString() : b.model()->index(row, column).data().toString();
}

double meanSettled(const adaround::RunRecord& r)
{
    double sum = 0;
    int n = 0;
    for (const auto& l : r.layers)
        if (l.optimised) {
            sum += l.settledShare;
            ++n;
        }
    return 100.0 * sum / n;
}

} // namespace

class RunBrowserTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString runs_, other_, a_, b_, c_, d_, cancelled_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        runs_ = dir_.filePath(QStringLiteral("runs"));
        other_ = dir_.filePath(QStringLiteral("other"));
        QVERIFY(QDir().mkpath(runs_) && QDir().mkpath(other_));
        const QString copy = dir_.filePath(QStringLiteral("fmnist_cnn_copy.pt")); // the same model at another path
        QVERIFY(QFile::copy(kCnn, copy));
        a_ = runs_ + QStringLiteral("/a.h5");
        b_ = runs_ + QStringLiteral("/b.h5");
        c_ = runs_ + QStringLiteral("/c.h5");
        d_ = other_ + QStringLiteral("/d.h5");
        runCli(runArgs(kCnn, QStringLiteral("0.01"), a_, 20));
        runCli(runArgs(kCnn, QStringLiteral("0.1"), b_, 20));
        runCli(runArgs(copy, QStringLiteral("0.01"), c_, 20));
        runCli(runArgs(kMobileNet, QStringLiteral("0.01"), d_, 5, 0)); // no per-layer curve: 50 layers
    }

    // Every log of the runs folder, with its results as the log has them; added folders too.
    void listsTheLogsWithTheirResults()
    {
        MainWindow w;
        w.setRunsFolder(runs_);
        RunBrowser* b = w.runBrowser();
        QTRY_COMPARE_WITH_TIMEOUT(b->model()->rowCount(), 3, 20000);
        for (const QString& path : {a_, b_, c_}) {
            const adaround::RunLog log = adaround::readRunLog(path.toStdString());
            QVERIFY(log.record.finished);
            const adaround::RunFinished& f = *log.record.finished;
            QCOMPARE(cell(*b, path, RunBrowserModel::Name), QFileInfo(path).completeBaseName());
            QCOMPARE(cell(*b, path, RunBrowserModel::Status), QStringLiteral("completed"));
            QCOMPARE(cell(*b, path, RunBrowserModel::Fp32Top1), QString::number(f.fp32.top1, 'f', 2));
            QCOMPARE(cell(*b, path, RunBrowserModel::RtnTop1), QString::number(f.rtn.top1, 'f', 2));
            QCOMPARE(cell(*b, path, RunBrowserModel::AdaRoundTop1), QString::number(f.adaround.top1, 'f', 2));
            QCOMPARE(cell(*b, path, RunBrowserModel::Settled), QString::number(meanSettled(log.record), 'f', 1));
            QCOMPARE(cell(*b, path, RunBrowserModel::Iterations), QStringLiteral("20"));
            QCOMPARE(cell(*b, path, RunBrowserModel::Bits), QStringLiteral("3 (ends 8)"));
            QVERIFY(cell(*b, path, RunBrowserModel::Model)
                        .endsWith(QString::fromStdString(log.info.modelSha256).left(7)));
        }
        QCOMPARE(cell(*b, b_, RunBrowserModel::Lambda), QStringLiteral("0.1"));
        QCOMPARE(cell(*b, a_, RunBrowserModel::Lambda), QStringLiteral("0.01"));
        QVERIFY(cell(*b, c_, RunBrowserModel::Model).startsWith(QStringLiteral("fmnist_cnn_copy.pt")));

        b->addFolder(other_);
        QTRY_COMPARE_WITH_TIMEOUT(b->model()->rowCount(), 4, 20000);
        QVERIFY(cell(*b, d_, RunBrowserModel::Model).startsWith(QStringLiteral("fmnist_mobilenet.pt")));
    }

    // A run of the CLI appears while it runs ("running"), then as cancelled once
    // interrupted; a log copied in appears within seconds.
    void newAndRunningLogsAppearOnTheirOwn()
    {
        MainWindow w;
        w.setRunsFolder(runs_);
        RunBrowser* b = w.runBrowser();
        QTRY_COMPARE_WITH_TIMEOUT(b->model()->rowCount(), 3, 20000);

        const QString copied = runs_ + QStringLiteral("/a-copy.h5");
        QVERIFY(QFile::copy(a_, copied));
        QTRY_VERIFY_WITH_TIMEOUT(b->model()->rowOf(copied) >= 0, 5000);
        QCOMPARE(cell(*b, copied, RunBrowserModel::AdaRoundTop1), cell(*b, a_, RunBrowserModel::AdaRoundTop1));
        QVERIFY(QFile::remove(copied));
        QTRY_VERIFY_WITH_TIMEOUT(b->model()->rowOf(copied) < 0, 5000);

        cancelled_ = runs_ + QStringLiteral("/running.h5");
        QProcess cli;
        cli.start(QStringLiteral(ADAROUND_TEST_CLI), runArgs(kCnn, QStringLiteral("0.01"), cancelled_, 1000000));
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(cell(*b, cancelled_, RunBrowserModel::Status).startsWith(QStringLiteral("running")),
                                 60000);
        b->statusBox()->setCurrentIndex(b->statusBox()->findData(QStringLiteral("running")));
        QCOMPARE(b->filter()->rowCount(), 1);
        QVERIFY(viewRow(*b, cancelled_) == 0);
        cli.terminate(); // SIGTERM: the CLI cancels and marks its log
        QVERIFY(cli.waitForFinished(60000));
        QTRY_VERIFY_WITH_TIMEOUT(cell(*b, cancelled_, RunBrowserModel::Status).startsWith(QStringLiteral("cancelled")),
                                 10000);
        QCOMPARE(b->filter()->rowCount(), 0); // still filtered by "running"
        QVERIFY(cell(*b, cancelled_, RunBrowserModel::AdaRoundTop1).isEmpty());
    }

    void sortsByTop1AndFilters()
    {
        QVERIFY(!cancelled_.isEmpty());
        MainWindow w;
        w.setRunsFolder(runs_);
        RunBrowser* b = w.runBrowser();
        b->addFolder(other_);
        QTRY_COMPARE_WITH_TIMEOUT(b->model()->rowCount(), 5, 20000);

        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            b->view()->sortByColumn(RunBrowserModel::AdaRoundTop1, order);
            QList<double> values;
            for (int r = 0; r < b->filter()->rowCount(); ++r) {
                const QString text = b->filter()->index(r, RunBrowserModel::AdaRoundTop1).data().toString();
                values << (text.isEmpty() ? -1.0 : text.toDouble()); // no result: lowest
            }
            QCOMPARE(values.size(), 5);
            for (int i = 1; i < values.size(); ++i)
                QVERIFY2(order == Qt::AscendingOrder ? values[i - 1] <= values[i] : values[i - 1] >= values[i],
                         qPrintable(QStringLiteral("row %1: %2 then %3").arg(i).arg(values[i - 1]).arg(values[i])));
            QCOMPARE(values.contains(-1.0), true); // the cancelled run
            QCOMPARE(order == Qt::AscendingOrder ? values.first() : values.last(), -1.0);
        }

        b->filterEdit()->setText(QStringLiteral("mobilenet"));
        QCOMPARE(b->filter()->rowCount(), 1);
        QCOMPARE(b->filter()->index(0, 0).data(RunBrowserModel::kPathRole).toString(), d_);
        b->filterEdit()->setText(QStringLiteral("CNN_COPY")); // any column, any case
        QCOMPARE(b->filter()->rowCount(), 1);
        QCOMPARE(b->filter()->index(0, 0).data(RunBrowserModel::kPathRole).toString(), c_);
        b->filterEdit()->clear();
        QCOMPARE(b->filter()->rowCount(), 5);
        b->statusBox()->setCurrentIndex(b->statusBox()->findData(QStringLiteral("cancelled")));
        QCOMPARE(b->filter()->rowCount(), 1);
        QCOMPARE(b->filter()->index(0, 0).data(RunBrowserModel::kPathRole).toString(), cancelled_);
        b->statusBox()->setCurrentIndex(b->statusBox()->findData(QStringLiteral("completed")));
        QCOMPARE(b->filter()->rowCount(), 4);
        b->filterEdit()->setText(QStringLiteral("fmnist_cnn.pt")); // with the status: a and b, not the copy's c
        QCOMPARE(b->filter()->rowCount(), 2);
        QStringList shown;
        for (int r = 0; r < 2; ++r)
            shown << b->filter()->index(r, 0).data(RunBrowserModel::kPathRole).toString();
        shown.sort();
        QCOMPARE(shown, (QStringList{a_, b_}));
    }

    // Name, tags and notes go to the sidecar and come back in a new browser; the log is untouched.
    void renameTagAndNotesPersistBesideTheLog()
    {
        const QByteArray before = sha256(b_);
        const adaround::RunLog logBefore = adaround::readRunLog(b_.toStdString());
        {
            MainWindow w;
            w.setRunsFolder(runs_);
            RunBrowserModel* m = w.runBrowser()->model();
            QTRY_VERIFY_WITH_TIMEOUT(m->rowOf(b_) >= 0, 20000);
            const int row = m->rowOf(b_);
            QVERIFY(m->setData(m->index(row, RunBrowserModel::Name), QStringLiteral("lambda sweep, high")));
            QVERIFY(m->setData(m->index(row, RunBrowserModel::Tags), QStringLiteral("sweep, λ ,sweep")));
            QVERIFY(m->setData(m->index(row, RunBrowserModel::Notes), QStringLiteral("Too much rounding loss?")));
            QCOMPARE(m->index(row, RunBrowserModel::Tags).data().toString(), QStringLiteral("sweep, λ"));
        }
        QVERIFY(QFile::exists(b_ + QStringLiteral(".notes.json")));
        QCOMPARE(sha256(b_), before); // byte for byte
        const adaround::RunLog logAfter = adaround::readRunLog(b_.toStdString());
        QCOMPARE(logAfter.info.integrity, std::string("verified"));
        QCOMPARE(logAfter.record.finished->adaround.top1, logBefore.record.finished->adaround.top1);

        MainWindow w2;
        w2.setRunsFolder(runs_);
        RunBrowser* b = w2.runBrowser();
        QTRY_VERIFY_WITH_TIMEOUT(b->model()->rowOf(b_) >= 0, 20000);
        QCOMPARE(cell(*b, b_, RunBrowserModel::Name), QStringLiteral("lambda sweep, high"));
        QCOMPARE(cell(*b, b_, RunBrowserModel::Tags), QStringLiteral("sweep, λ"));
        QCOMPARE(cell(*b, b_, RunBrowserModel::Notes), QStringLiteral("Too much rounding loss?"));
        b->filterEdit()->setText(QStringLiteral("rounding loss")); // notes are searchable
        QCOMPARE(b->filter()->rowCount(), 1);

        // Clearing everything removes the sidecar.
        RunBrowserModel* m = b->model();
        const int row = m->rowOf(b_);
        QVERIFY(m->setData(m->index(row, RunBrowserModel::Name), QString()));
        QVERIFY(m->setData(m->index(row, RunBrowserModel::Tags), QString()));
        QVERIFY(m->setData(m->index(row, RunBrowserModel::Notes), QString()));
        QVERIFY(!QFile::exists(b_ + QStringLiteral(".notes.json")));
        QCOMPARE(cell(*b, b_, RunBrowserModel::Name), QStringLiteral("b"));
        QCOMPARE(sha256(b_), before);
    }

    void comparingTwoRunsNamesThemByLambda()
    {
        MainWindow w;
        w.setRunsFolder(runs_);
        QTRY_COMPARE_WITH_TIMEOUT(w.runBrowser()->model()->rowCount(), 4, 20000);
        QVERIFY(w.compareRuns({a_, b_}));
        const auto& runs = w.comparisonView()->runs();
        QCOMPARE(int(runs.size()), 2);
        QCOMPARE(runs[0].label, QStringLiteral("λ=0.01"));
        QCOMPARE(runs[1].label, QStringLiteral("λ=0.1"));
        QVERIFY2(runs[1].tooltip.contains(QStringLiteral("λ: 0.1 (A: 0.01)")), qPrintable(runs[1].tooltip));
        QVERIFY(runs[0].color != runs[1].color);
        QVERIFY(w.comparisonView()->warning().isEmpty());
        QCOMPARE(runs[0].source, a_); // the shown run found among the listed logs by its results

        // Both runs' final bars and β curves.
        auto* finals = w.comparisonView()->plot(QStringLiteral("finals"));
        QCOMPARE(finals->plottableCount(), 2);
        const adaround::RunLog la = adaround::readRunLog(a_.toStdString());
        const adaround::RunLog lb = adaround::readRunLog(b_.toStdString());
        auto* barsB = qobject_cast<QCPBars*>(finals->plottable(1));
        QVERIFY(barsB && barsB->data()->size() == 3);
        QCOMPARE((barsB->data()->constBegin() + 2)->value, lb.record.finished->adaround.top1);
        QCOMPARE(w.comparisonView()->plot(QStringLiteral("beta"))->graphCount(), 2);

        // The per-layer tables side by side, with the logs' figures.
        LayerCompareModel* m = w.comparisonView()->layerModel();
        QCOMPARE(m->rowCount(), int(la.record.layers.size()));
        QCOMPARE(m->columnCount(), 1 + 2 * LayerCompareModel::kFiguresPerRun + 1);
        for (int r = 0; r < m->rowCount(); ++r) {
            QCOMPARE(m->layerName(r), QString::fromStdString(la.record.layers[size_t(r)].name));
            QCOMPARE(m->index(r, 1).data().toString(), QString::number(la.record.layers[size_t(r)].recMseHard, 'e', 3));
            QCOMPARE(m->index(r, 1 + LayerCompareModel::kFiguresPerRun).data().toString(),
                     QString::number(lb.record.layers[size_t(r)].recMseHard, 'e', 3));
            const double a = la.record.layers[size_t(r)].recMseHard, b = lb.record.layers[size_t(r)].recMseHard;
            QVERIFY(std::abs(m->delta(1, r) - 100.0 * (b - a) / a) < 1e-9);
        }
        // The dashboard's overlay is named the same way.
        QCOMPARE(comparisonLabel(lb.record.started.config, la.record.started.config, {}), QStringLiteral("λ=0.1"));
    }

    void warnsOnlyWhenTheModelsDiffer()
    {
        MainWindow w;
        w.setRunsFolder(runs_);
        w.runBrowser()->addFolder(other_);
        QTRY_COMPARE_WITH_TIMEOUT(w.runBrowser()->model()->rowCount(), 5, 20000);
        QVERIFY(w.compareRuns({a_, c_})); // the same file at another path: the same model
        QVERIFY2(w.comparisonView()->warning().isEmpty(), qPrintable(w.comparisonView()->warning()));
        QVERIFY(!w.messageText().contains(QStringLiteral("different models")));
        QCOMPARE(w.comparisonView()->runs()[1].label, QStringLiteral("model=fmnist_cnn_copy.pt"));

        QVERIFY(w.compareRuns({a_, d_}));
        QCOMPARE(int(w.comparisonView()->runs().size()), 2); // opening A again ended the first comparison
        QVERIFY(w.comparisonView()->warning().contains(QStringLiteral("different models")));
        QVERIFY2(w.messageText().contains(QStringLiteral("different models")), qPrintable(w.messageText()));
        QVERIFY(w.messageText().contains(QStringLiteral("fmnist_mobilenet.pt")));

        // Without a listed log the shown run's model is hashed from its file: still the same model.
        MainWindow w2;
        w2.setRunsFolder(dir_.filePath(QStringLiteral("empty")));
        QVERIFY(w2.openLog(a_));
        QVERIFY(w2.compareWith(c_));
        QVERIFY(w2.comparisonView()->warning().isEmpty());
        QVERIFY(w2.compareWith(d_));
        QVERIFY(w2.comparisonView()->warning().contains(QStringLiteral("different models")));
    }

    void reportsHoldConfigTablesAndPictures()
    {
        MainWindow w;
        w.setRunsFolder(runs_);
        QTRY_COMPARE_WITH_TIMEOUT(w.runBrowser()->model()->rowCount(), 4, 20000);
        const adaround::RunLog la = adaround::readRunLog(a_.toStdString());
        const adaround::RunLog lb = adaround::readRunLog(b_.toStdString());
        const QRegularExpression image(QStringLiteral("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]{1000,}\""));

        // One run.
        QVERIFY(w.openLog(a_));
        const QString single = dir_.filePath(QStringLiteral("run.html"));
        QString error;
        QVERIFY2(w.writeReport(single, &error), qPrintable(error));
        QFile f(single);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(f.readAll());
        QCOMPARE(int(html.count(image)), 4); // loss, histogram, history, accuracy
        QVERIFY(html.contains(QStringLiteral("<td>λ</td><td>0.01</td>")));
        QVERIFY(html.contains(QStringLiteral("<td>iterations</td><td>20</td>")));
        QVERIFY(html.contains(QString::fromStdString(la.info.modelSha256)));
        QVERIFY(html.contains(QString::number(la.record.finished->adaround.top1, 'f', 2)));
        const QAbstractItemModel* table = w.dashboard()->layerTable();
        QCOMPARE(table->rowCount(), int(la.record.layers.size()));
        for (int r = 0; r < table->rowCount(); ++r) {
            QString row = QStringLiteral("<tr>");
            for (int c = 0; c < table->columnCount(); ++c)
                row += (c ? QStringLiteral("<td align=\"right\">") : QStringLiteral("<td>")) +
                       table->index(r, c).data().toString().toHtmlEscaped() + QStringLiteral("</td>");
            QVERIFY2(html.contains(row + QStringLiteral("</tr>")), qPrintable(row));
        }

        // A comparison: the settings that differ, both runs' tables side by side, its own plots too.
        QVERIFY(w.compareRuns({a_, b_}));
        const QString compared = dir_.filePath(QStringLiteral("compare.html"));
        QVERIFY2(w.writeReport(compared, &error), qPrintable(error));
        QFile g(compared);
        QVERIFY(g.open(QIODevice::ReadOnly));
        const QString cmp = QString::fromUtf8(g.readAll());
        QCOMPARE(int(cmp.count(image)), 6); // the dashboard's four, β schedules and final bars
        QVERIFY(cmp.contains(QStringLiteral("Settings that differ")));
        QVERIFY(cmp.contains(QRegularExpression(QStringLiteral("<tr><td>λ</td><td>0.01</td><td>0.1</td></tr>"))));
        for (size_t r = 0; r < la.record.layers.size(); ++r) {
            QVERIFY(cmp.contains(QStringLiteral("<td>%1</td>").arg(QString::fromStdString(la.record.layers[r].name))));
            QVERIFY(cmp.contains(QString::number(la.record.layers[r].recMseHard, 'e', 3)));
            QVERIFY(cmp.contains(QString::number(lb.record.layers[r].recMseHard, 'e', 3)));
        }
        QVERIFY(cmp.contains(QString::number(lb.record.finished->adaround.top1, 'f', 2)));

        const QString pdf = dir_.filePath(QStringLiteral("compare.pdf"));
        QVERIFY2(w.writeReport(pdf, &error), qPrintable(error));
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        const QByteArray bytes = p.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY2(bytes.size() > 50000, qPrintable(QString::number(bytes.size()))); // the pictures are in it
        QVERIFY(!w.writeReport(dir_.filePath(QStringLiteral("report.txt")), &error));
    }

    void namesOfASetAreTheSettingsThatVaryInIt()
    {
        adaround::AdaRoundConfig a, b, c;
        b.lambda = 0.1;
        c.lambda = 0.1;
        c.schedule = adaround::BetaSchedule::Cosine;
        QCOMPARE(comparisonNames({a, b, c}, {}),
                 (QStringList{"λ=0.01, schedule=linear", "λ=0.1, schedule=linear", "λ=0.1, schedule=cosine"}));
        QCOMPARE(comparisonNames({a, a}, {"x", "y"}), (QStringList{"x", "y"}));
        c.iterations = 7;
        c.seed = 3;
        QCOMPARE(comparisonNames({a, c}, {}, 2), (QStringList{"iterations=10000, λ=0.01 +2 more",
                                                              "iterations=7, λ=0.1 +2 more"}));
        // Folders of the same name tell nothing apart: named by what does; the model first, the data last.
        adaround::AdaRoundConfig d = a, e = a;
        d.calibDir = "/cache/fmnist/calib";
        e.calibDir = "/small/fmnist/calib";
        e.lambda = 0.1;
        QCOMPARE(comparisonNames({d, e}, {}), (QStringList{"λ=0.01", "λ=0.1"}));
        QCOMPARE(comparisonLabel(e, d, {}), QStringLiteral("λ=0.1"));
        QVERIFY(comparisonTooltip(e, d, QStringLiteral("A")).contains(QStringLiteral("/small/fmnist/calib (A: /cache/fmnist/calib)")));
        e.modelPath = "/m/fmnist_mobilenet.pt";
        e.calibSize = 64;
        QCOMPARE(comparisonNames({d, e}, {}, 2).last(), QStringLiteral("model=fmnist_mobilenet.pt, λ=0.1 +1 more"));
    }
};

QTEST_MAIN(RunBrowserTest)
#include "run_browser_test.moc"
