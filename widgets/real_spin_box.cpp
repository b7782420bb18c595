#include "real_spin_box.h"

#include "adaround/error.h"

#include <QRegularExpression>

#include <algorithm>
#include <charconv>
#include <cfloat>
#include <cmath>

RealSpinBox::RealSpinBox(const adaround::Knob& knob, QWidget* parent) : QDoubleSpinBox(parent), knob_(knob)
{
    // QDoubleSpinBox rounds every value to its decimals: with the most it allows
    // (323, more than any double's exact expansion needs here) nothing is lost.
    setDecimals(DBL_MAX_10_EXP + DBL_DIG);
    setLocale(QLocale::c()); // what the base class still formats itself (size hints) uses '.' too
    setRange(knob.min, knob.max);
    // Linear knobs step in round units; log-scale ones step by decades (stepBy).
    setSingleStep(knob.max - knob.min <= 1 ? 0.05 : 1);
    if (!knob.unit.empty())
        setSuffix(QLatin1Char(' ') + QString::fromStdString(knob.unit));
}

QString RealSpinBox::stripped(const QString& text) const
{
    QString t = text.trimmed();
    const QString unit = suffix().trimmed();
    if (!unit.isEmpty() && t.endsWith(unit))
        t.chop(unit.size());
    return t.trimmed();
}

QValidator::State RealSpinBox::validate(QString& text, int&) const
{
    const QString t = stripped(text);
    try {
        adaround::parseKnobValue(knob_, t.toStdString());
        return QValidator::Acceptable;
    } catch (const adaround::Error&) {
    }
    // Anything that may still become a number (or has a ',' the user must fix)
    // stays editable; letters and other signs are refused at the keystroke.
    static const QRegularExpression partial(QStringLiteral("^[0-9.,eE+-]*$"));
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

double RealSpinBox::valueFromText(const QString& text) const
{
    try {
        return std::get<double>(adaround::parseKnobValue(knob_, stripped(text).toStdString()));
    } catch (const adaround::Error&) {
        return value(); // only reached for text validate() did not accept
    }
}

QString RealSpinBox::textFromValue(double value) const
{
    return QString::fromStdString(adaround::formatKnobValue(value));
}

void RealSpinBox::fixup(QString&) const
{
    // Nothing to repair: QDoubleSpinBox's fixup would strip the locale's group separators.
}

void RealSpinBox::stepBy(int steps)
{
    if (!knob_.logScale || value() <= 0) {
        QDoubleSpinBox::stepBy(steps);
        return;
    }
    // A decade per step, onto round values: 1e-3 -> 1e-2, 3e-4 -> 3e-3 (not 0.0030000000000000005).
    const double stepped = value() * std::pow(10.0, steps);
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, stepped, std::chars_format::general, 15).ptr;
    double rounded = stepped;
    std::from_chars(buf, end, rounded);
    setValue(std::clamp(rounded, minimum(), maximum()));
    selectAll();
}
