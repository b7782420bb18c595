#pragma once
// Teaching view "The relaxation and the regulariser" (issue 13, item 2): the
// rectified sigmoid h(V) against V; the regulariser f_reg(h) = 1 − |2h − 1|^β
// for several β with the run's current β highlighted and the current layer's
// h(V) histogram under it; the β schedule with a marker where the run is. It
// listens to the same events as the dashboard (live, replayed) and shows
// stored runs at a chosen layer and snapshot. A short explanation with the
// equations sits on top (the Help page uses the same text).
#include "adaround/adaround_config.h"
#include "adaround/run_record.h"

#include <QTimer>
#include <QWidget>

#include <map>
#include <vector>

class BetaSchedulePlot;
class QComboBox;
class QLabel;
class QSlider;
class QSplitter;
class QToolButton;
class RectifiedSigmoidPlot;
class RegulariserPlot;

class RelaxationView : public QWidget {
    Q_OBJECT
public:
    explicit RelaxationView(QWidget* parent = nullptr);

    void clear();
    // A stored run: every event at once, then its last layer's last snapshot.
    void showRecord(const adaround::RunRecord& r);
    // The user's pick: LAYER's snapshot INDEX (in the order they came); the view
    // stops following a live run until followLive().
    void showSnapshot(int layer, int index);
    void followLive();
    bool following() const { return follow_; }
    bool live() const { return live_; }
    int shownLayer() const { return shown_; }
    int shownSnapshot() const { return shownSnapshot_; } // -1: none yet
    const std::vector<adaround::HistogramSnapshot>& snapshots(int layer) const;
    // Where the shown run is on the schedule: the iteration within the shown
    // layer, its β and whether the regulariser is on there.
    int currentIteration() const { return iteration_; }
    double currentBeta() const { return beta_; }
    bool regularised() const { return regularised_; }
    void flush(); // draws now what the coalescing timer would draw

    RectifiedSigmoidPlot* sigmoidPlot() const { return sigmoid_; }
    RegulariserPlot* regulariserPlot() const { return regulariser_; }
    BetaSchedulePlot* schedulePlot() const { return schedule_; }
    QComboBox* layerBox() const { return layerBox_; }
    QSlider* slider() const { return slider_; }
    QLabel* explanation() const { return explanation_; } // hidden until "What am I looking at?"

    // The explanation for students, with the equations the view draws (HTML).
    static QString explanationHtml();

public slots:
    void onRunEvent(const adaround::RunEvent& e);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void on(const adaround::RunStarted& e);
    void on(const adaround::LayerStarted& e);
    void on(const adaround::IterationStats& e);
    void on(const adaround::HistogramSnapshot& e);
    void runEnded();
    template <class E>
    void on(const E&) {}

    void showLayer(int layer);
    void showIndex(int index);
    void setPosition(int iteration, double beta);
    QString layerName(int layer) const;
    void updateControls();
    void scheduleDraw();

    RectifiedSigmoidPlot* sigmoid_;
    RegulariserPlot* regulariser_;
    BetaSchedulePlot* schedule_;
    QComboBox* layerBox_;
    QSlider* slider_;
    QLabel* snapshotLabel_;
    QLabel* explanation_;
    QToolButton* followButton_;
    QTimer drawTimer_;
    QSplitter* top_;
    bool sized_ = false;

    adaround::AnnealingSchedule annealing_;
    double lambda_ = 0;
    std::vector<adaround::LayerStarted> layers_; // optimised layers, in run order
    std::map<int, std::vector<adaround::HistogramSnapshot>> snapshots_;
    int shown_ = -1;
    int shownSnapshot_ = -1;
    int iteration_ = -1;
    double beta_ = 0;
    bool regularised_ = false;
    bool follow_ = true;
    bool live_ = false;
    bool stored_ = false; // inside showRecord: no live run
    bool syncing_ = false; // the controls follow the view, not the user
};
