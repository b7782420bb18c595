#pragma once
// AdaRound's knobs for the toy problems (λ, β start and end, schedule,
// warm-up, learning rate, iterations), with defaults scaled to a problem of
// a few weights rather than a layer's (adaround::teaching::ToySettings).
#include "adaround/teaching/toy_adaround.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

class ToySettingsEditor : public QWidget {
    Q_OBJECT
public:
    explicit ToySettingsEditor(QWidget* parent = nullptr);

    adaround::teaching::ToySettings settings() const;
    void setSettings(const adaround::teaching::ToySettings& s);

signals:
    void changed();

private:
    QDoubleSpinBox* lambda_;
    QDoubleSpinBox* betaStart_;
    QDoubleSpinBox* betaEnd_;
    QComboBox* schedule_;
    QDoubleSpinBox* warmup_;
    QDoubleSpinBox* learningRate_;
    QSpinBox* iterations_;
};
