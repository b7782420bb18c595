#pragma once
// Teach > Why Nearest Is Not Optimal: the two-weight example and the n-weight
// problem (TwoWeightView, NWeightsView) as two tabs of one teaching view.
#include <QTabWidget>

class NWeightsView;
class TwoWeightView;

class RoundingToyView : public QTabWidget {
    Q_OBJECT
public:
    explicit RoundingToyView(QWidget* parent = nullptr);

    TwoWeightView* twoWeights() const { return two_; }
    NWeightsView* nWeights() const { return n_; }

public slots:
    // For --screenshot: on the two-weight tab the default example run to its
    // end; on the n-weight tab its 50 seeds tried.
    void prepareScreenshot();

private:
    TwoWeightView* two_;
    NWeightsView* n_;
};
