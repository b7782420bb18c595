#pragma once
// Teach > Stochastic-Rounding Study: choose a layer, its bits, how many random
// roundings and on how many images, start the study in the background (its
// plots fill as samples arrive; Cancel stops it), or open a study log. The
// model, folders, preprocessing, classes and AdaRound knobs are the main
// window's at the time the window opens (setBase).
#include "adaround/adaround_config.h"
#include "adaround/layer_info.h"
#include "adaround/study_events.h"
#include "study_runner.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class StudyView;

class StudyWindow : public QWidget {
    Q_OBJECT
public:
    explicit StudyWindow(QWidget* parent = nullptr);
    ~StudyWindow() override; // cancels a study that is going and waits for it

    // The run settings the study starts from, and the model's layers to choose from.
    void setBase(const adaround::AdaRoundConfig& config, const std::vector<adaround::LayerInfo>& layers);
    // Starts a study with the choices shown; false (and the reason shown) if it cannot.
    bool startStudy();
    void cancelStudy();
    bool isRunning() const { return runner_.isRunning(); }
    // Shows a study log; false (and why) if it cannot be read.
    bool openStudyLog(const QString& path);

    // The controls, for tests and the screenshot driver.
    QComboBox* layerBox() const { return layer_; }
    QSpinBox* bitsBox() const { return bits_; }
    QSpinBox* samplesBox() const { return samples_; }
    QSpinBox* subsetBox() const { return subset_; }
    QCheckBox* adaroundBox() const { return adaround_; }
    StudyView* view() const { return view_; }
    const adaround::StudyRecord& record() const { return record_; }
    QString statusText() const;

signals:
    void studyFinished(); // completed, cancelled or failed

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onEvent(const SharedStudyEvent& event);
    void onFinished();
    void chooseLog();
    void setRunning(bool running);

    adaround::AdaRoundConfig base_;
    StudyRunner runner_;
    adaround::StudyRecorder recorder_;
    adaround::StudyRecord record_;
    QComboBox* layer_;
    QSpinBox* bits_;
    QSpinBox* samples_;
    QSpinBox* subset_;
    QSpinBox* seed_;
    QCheckBox* adaround_;
    QPushButton* start_;
    QPushButton* cancel_;
    QPushButton* open_;
    QProgressBar* progress_;
    QLabel* status_;
    StudyView* view_;
    QTimer* redraw_; // coalesces redraws of a burst of events
};
