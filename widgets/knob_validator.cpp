#include "knob_validator.h"

#include "adaround/error.h"

#include <QRegularExpression>

#include <charconv>

namespace {

// A whole number that typing more digits can only make larger: past the
// maximum (or past what 64 bits hold) it can never become valid.
bool beyondMaximum(const adaround::Knob& k, const std::string& digits)
{
    const char* end = digits.data() + digits.size();
    if (k.type == adaround::KnobType::UInt64) {
        uint64_t u = 0;
        return std::from_chars(digits.data(), end, u).ec == std::errc::result_out_of_range;
    }
    int64_t i = 0;
    const auto r = std::from_chars(digits.data(), end, i);
    return r.ec == std::errc::result_out_of_range || (r.ec == std::errc() && i > 0 && double(i) > k.max);
}

} // namespace

QValidator::State KnobValidator::validate(QString& text, int&) const
{
    const std::string s = text.toStdString();
    try {
        adaround::parseKnobValue(knob_, s);
        return Acceptable;
    } catch (const adaround::Error&) {
    }
    using adaround::KnobType;
    switch (knob_.type) {
    case KnobType::Text:
    case KnobType::Choice:
    case KnobType::Bool:
        return Intermediate;
    case KnobType::Real: {
        static const QRegularExpression partial(QStringLiteral("^[0-9.,eE+-]*$"));
        return partial.match(text).hasMatch() ? Intermediate : Invalid;
    }
    case KnobType::Int:
    case KnobType::UInt64: {
        // Digits (and a sign where negatives exist) may still become valid; anything
        // else, e.g. "1e3" or "1,000", and numbers past the maximum are refused at the keystroke.
        static const QRegularExpression whole(QStringLiteral("^-?[0-9]*$"));
        if (!whole.match(text).hasMatch() || (knob_.type == KnobType::UInt64 && text.startsWith(QLatin1Char('-'))))
            return Invalid;
        return beyondMaximum(knob_, s) ? Invalid : Intermediate;
    }
    }
    return Invalid;
}
