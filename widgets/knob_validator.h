#pragma once
// Validates a line edit's text as one knob's value with the knob table's own
// parser (adaround::parseKnobValue): exact, locale-independent, in range.
// Text that may still become valid by typing on is intermediate.
#include "adaround/knobs.h"

#include <QValidator>

class KnobValidator : public QValidator {
    Q_OBJECT
public:
    KnobValidator(const adaround::Knob& knob, QObject* parent = nullptr) : QValidator(parent), knob_(knob) {}

    State validate(QString& text, int& pos) const override;

private:
    const adaround::Knob& knob_;
};
