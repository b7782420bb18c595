#pragma once
// The paper's two-weight example, live: the loss landscape of Δwᵀ H Δw with
// the rounding corners, the FP32 weights and H to edit, and AdaRound on this
// problem animated from the interior to a corner as β anneals, with its loss
// terms below. The arithmetic is core's (adaround/teaching).
#include "adaround/teaching/toy_adaround.h"

#include <QWidget>

class LossLandscapePlot;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTimer;
class ToyLossPlot;
class ToySettingsEditor;

class TwoWeightView : public QWidget {
    Q_OBJECT
public:
    explicit TwoWeightView(QWidget* parent = nullptr);

    // The problem shown, or why the inputs do not make one (H not PSD).
    adaround::teaching::QuadraticRounding problem() const;
    QString problemError() const { return problemError_; }
    void setProblem(double w1, double w2, double h11, double h12, double h22);
    ToySettingsEditor* settingsEditor() const { return settings_; }

    // Runs AdaRound and animates it (or, with instant, shows its end at once).
    void runAdaRound(bool instant = false);
    bool animating() const;
    void finishAnimation(); // jumps to the end of a running animation
    const adaround::teaching::ToyResult& lastRun() const { return run_; }
    bool hasRun() const { return hasRun_; }

    LossLandscapePlot* landscape() const { return landscape_; }
    ToyLossPlot* lossPlot() const { return lossPlot_; }
    QString resultText() const;

public slots:
    // For --screenshot: the default example run to its end.
    void prepareScreenshot();

signals:
    void runFinished(); // the animation reached the end

private:
    void problemChanged();
    void showFrame(int frame);
    void advance();
    void applyExample(int index);
    QDoubleSpinBox* spin(double lo, double hi, double step, const QString& tip);

    QDoubleSpinBox *w1_, *w2_, *h11_, *h12_, *h22_;
    QLabel* psd_;
    QComboBox* examples_;
    ToySettingsEditor* settings_;
    QPushButton* runButton_;
    QComboBox* speed_;
    QLabel* result_;
    LossLandscapePlot* landscape_;
    ToyLossPlot* lossPlot_;
    QTimer* timer_;
    QString problemError_;
    adaround::teaching::ToyResult run_;
    bool hasRun_ = false;
    double frame_ = 0;
};
