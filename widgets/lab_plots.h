#pragma once
// The layer lab's overlays, one colour per attempt (LabAttemptsModel's):
// the reconstruction loss over iterations, the settled share of h(V) over
// iterations, the final h(V) histogram, and each attempt's rec MSE (soft and
// hard) as bars against round-to-nearest's. The attempt being optimised is
// drawn live, dashed, in the colour it will keep.
#include "lab_attempts_model.h"

#include <QWidget>

class QCustomPlot;

class LabPlots : public QWidget {
    Q_OBJECT
public:
    explicit LabPlots(QWidget* parent = nullptr);

    // The shown attempts of ENTRIES and, if LIVE is set, the one going (number LIVE_NUMBER).
    void showAttempts(const std::vector<LabAttemptsModel::Entry>& entries, const adaround::LabAttempt* live,
                      int liveNumber, double rtnRecMse);

    QCustomPlot* lossPlot() const { return loss_; }
    QCustomPlot* settledPlot() const { return settled_; }
    QCustomPlot* histogramPlot() const { return histogram_; }
    QCustomPlot* msePlot() const { return mse_; }

private:
    void addCurves(const adaround::LabAttempt& a, const QColor& color, const QString& name, bool live);
    void drawMseBars(const std::vector<LabAttemptsModel::Entry>& entries, double rtnRecMse);

    QCustomPlot* loss_;
    QCustomPlot* settled_;
    QCustomPlot* histogram_;
    QCustomPlot* mse_;
};
