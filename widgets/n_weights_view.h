#pragma once
// The quadratic rounding problem with n weights (n <= 12): a seeded random
// PSD H and positions; round to nearest, AdaRound and the optimum found by
// enumerating all 2^n corners, as bars and a per-weight table, and how often
// AdaRound finds the optimum over 50 seeds.
#include "adaround/teaching/toy_adaround.h"

#include <QWidget>

class QCPBars;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class ToySettingsEditor;

class NWeightsView : public QWidget {
    Q_OBJECT
public:
    explicit NWeightsView(QWidget* parent = nullptr);

    void setProblem(int n, int seed); // and solves it
    const adaround::teaching::QuadraticRounding& problem() const { return problem_; }
    const adaround::teaching::ToyResult& adaRound() const { return run_; }
    QTableWidget* table() const { return table_; }
    // Over seeds 0..49 at this n: AdaRound's hits of the optimum, and not worse than nearest.
    QString trySeeds();
    QString summaryText() const;

private:
    void solve();

    QSpinBox* n_;
    QSpinBox* seed_;
    QPushButton* newProblem_;
    QPushButton* seeds_;
    ToySettingsEditor* settings_;
    QCustomPlot* bars_;
    QCPBars* losses_[3];     // nearest, AdaRound, optimum
    QCPItemText* values_[3]; // their losses above them
    QTableWidget* table_;
    QLabel* summary_;
    QLabel* seedsResult_;
    adaround::teaching::QuadraticRounding problem_;
    adaround::teaching::ToyResult run_;
};
