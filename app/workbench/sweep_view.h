#pragma once
// A sweep folder in the workbench: the points table (live, through a
// SweepWatcher), and three plots of it in tabs - AdaRound top-1 against one
// chosen setting (mean ± std over seeds), a heat map over two settings, and
// parallel coordinates. Selected points' logs are opened or overlaid in the
// run views by whoever listens (the main window).
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class SweepHeatMap;
class SweepKnobPlot;
class SweepParallelPlot;
class SweepPointsModel;
class SweepWatcher;

class SweepView : public QWidget {
    Q_OBJECT
public:
    explicit SweepView(QWidget* parent = nullptr);

    void openFolder(const QString& dir); // the report follows (reportChanged)
    SweepWatcher* watcher() const { return watcher_; }
    SweepPointsModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    SweepKnobPlot* knobPlot() const { return knobPlot_; }
    SweepHeatMap* heatMap() const { return heatMap_; }
    SweepParallelPlot* parallelPlot() const { return parallel_; }
    QTabWidget* plots() const { return tabs_; }
    QString summaryText() const;

    // The settings the plots show (swept keys; others are ignored).
    void setKnob(const QString& key);
    void setHeatMapKnobs(const QString& x, const QString& y);
    void selectPoints(const QList<int>& points); // by point index
    QStringList selectedLogs() const;            // of the selected points that have a log
    // A sweep this window started writes here: "Stop Sweep" shown (stopRequested).
    void setSweepRunning(bool running);

signals:
    void openRequested(const QStringList& logs);    // the first shown, the others overlaid
    void overlayRequested(const QStringList& logs); // overlaid on the run shown
    void message(const QString& text);              // for the window's status
    void stopRequested();

private:
    void onReport();
    void updatePlots();
    void updateButtons();
    static void fillKnobs(QComboBox* box, const QStringList& keys, int fallback);

    SweepWatcher* watcher_;
    SweepPointsModel* model_;
    QSortFilterProxyModel* sorted_;
    QTableView* table_;
    QLabel* summary_;
    QPushButton *open_, *overlay_, *refresh_, *stop_;
    QTabWidget* tabs_;
    QComboBox *knob_, *heatX_, *heatY_;
    SweepKnobPlot* knobPlot_;
    SweepHeatMap* heatMap_;
    SweepParallelPlot* parallel_;
};
