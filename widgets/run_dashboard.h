#pragma once
// The live views of a run, side by side: losses and beta, the h(V) histogram
// and its history, top-1 accuracy, and the per-layer results table. Fed either
// live (onRunEvent, connected to a RunEventBridge on the GUI thread) or from a
// stored run (showRecord). Other runs can be overlaid for comparison.
//
// CONTRACT (issue 5): this header is shared by the views (widgets/) and the
// window (app/workbench/); change it on purpose, in both.
#include "adaround/run_record.h"
#include "plot_style.h"
#include "run_event_types.h"

#include <QString>
#include <QWidget>
#include <memory>

class DashboardLayout;
class LayerFocus;
class QCustomPlot;
class QAbstractItemModel;

class RunDashboard : public QWidget {
    Q_OBJECT
public:
    explicit RunDashboard(QWidget* parent = nullptr);
    ~RunDashboard() override;

    void clear();                                 // empty views, no run
    void showRecord(const adaround::RunRecord& r); // a stored run, all at once
    // Overlays another run's loss and accuracy curves, named by label (e.g. its
    // differing settings: "λ=0.1, β 20→2").
    void addComparison(const adaround::RunRecord& r, const QString& label);
    void clearComparisons();

    // Each plot as PNG or PDF (by the file's suffix); false with a message on failure.
    // The image is headed by exportHeading() unless options give another heading;
    // its size is the plot's on-screen size unless options give one.
    bool exportPlot(const QString& plotName, const QString& file, QString* error = nullptr);
    bool exportPlot(const QString& plotName, const QString& file, plotstyle::ExportOptions options,
                    QString* error = nullptr);
    // "MODEL · W4 (first/last 8) · run NAME": what an exported plot shows.
    QString exportHeading() const;
    void setRunName(const QString& name); // e.g. the log's file name; else the run is dated today
    QStringList plotNames() const; // "loss", "histogram", "history", "accuracy"
    bool exportLayerTableCsv(const QString& file, QString* error = nullptr);

    QCustomPlot* plot(const QString& plotName) const; // one of plotNames(), else null
    QAbstractItemModel* layerTable() const;           // the per-layer results
    // Where the views sit: a grid, tabs when the dashboard is small, or one view
    // alone (presentation mode); see DashboardLayout.
    DashboardLayout* arrangement() const;

    // The layer the loss plot shades and the h(V) views show: the running one
    // (following the run), or one the user picked (table row, loss-plot click).
    void selectLayer(int layer);
    int selectedLayer() const;
    LayerFocus* layerFocus() const; // the snapshot slider and "Follow live"

public slots:
    // One event of a live run (from RunEventBridge::runEvent, on the GUI thread)
    // or of a stored one; redraws are batched at 10 Hz.
    void onRunEvent(const adaround::RunEvent& e);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};
