#pragma once
// A spin box for a real knob that keeps the value exactly and reads and writes
// it the same way in every locale: the text is the shortest form that reads
// back to the same double ("3e-06", "0.0005", "20"), scientific entry works,
// and the decimal point is always '.'. A ',' is never read as a decimal point
// or a group separator (both guesses would misread some user's number): text
// with one stays "intermediate", the value does not change, and leaving the
// field restores the last valid text.
#include "adaround/knobs.h"

#include <QDoubleSpinBox>

class RealSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    RealSpinBox(const adaround::Knob& knob, QWidget* parent = nullptr);

    QValidator::State validate(QString& text, int& pos) const override;
    double valueFromText(const QString& text) const override;
    QString textFromValue(double value) const override;
    void fixup(QString& text) const override;
    void stepBy(int steps) override;

private:
    QString stripped(const QString& text) const; // without the unit suffix and outer spaces

    const adaround::Knob& knob_;
};
