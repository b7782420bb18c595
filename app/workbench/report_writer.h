#pragma once
// A shareable report of a run or a comparison, in one file: HTML with the
// plots embedded as base64 PNG (self-contained), or PDF (the same document
// laid out by QTextDocument and printed through QPdfWriter). It holds the
// configuration (for a comparison: the settings that differ, then the shown
// run's full configuration), the final accuracies, the per-layer table and
// every plot.
#include "compared_run.h"

#include <QImage>
#include <QList>
#include <QPair>
#include <QString>

#include <vector>

class QAbstractItemModel;
class QCustomPlot;

struct ReportContent {
    QString title;
    std::vector<ComparedRun> runs;        // the first is the run shown; one run: not a comparison
    QString warning;                      // e.g. runs of different models
    QList<QPair<QString, QImage>> plots;  // caption, picture
    QString tableTitle;
    const QAbstractItemModel* layerTable = nullptr; // per-layer results, or their comparison
};

// The plot as a picture at its on-screen size (or 900×520 if it was never laid out), at 2× for print.
QImage plotImage(QCustomPlot* plot);

// The report as HTML. EMBED: images as data: URLs (a file of its own);
// otherwise as "plotN.png", resources the caller provides (the PDF path).
QString reportHtml(const ReportContent& content, bool embed = true);

// Writes FILE as HTML or PDF by its suffix (.html/.htm or .pdf); false with ERROR on failure.
bool writeReport(const ReportContent& content, const QString& file, QString* error = nullptr);
