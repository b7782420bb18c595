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
    // For --screenshot: the two-weight tab, the default example run to its end.
    void prepareScreenshot();

private:
    TwoWeightView* two_;
    NWeightsView* n_;
};
