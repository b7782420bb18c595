#include "knob_editor.h"

#include "knob_validator.h"
#include "real_spin_box.h"
#include "wheel_guard.h"

#include <QCheckBox>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QLineEdit>
#include <QSpinBox>

#include <limits>
#include <optional>

using adaround::Knob;
using adaround::KnobType;
using adaround::KnobValue;

namespace {

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

// Whole numbers whose range fits an int. With "0 means ...", the spin box's
// minimum stands for 0 and shows that text (act_bits: 0 = off, else 2-16).
class SpinEditor : public KnobEditor {
public:
    SpinEditor(const Knob& k, QSpinBox* box) : KnobEditor(k, box), box_(box)
    {
        const int min = int(k.min);
        if (!k.zeroMeans.empty()) {
            zeroAt_ = min > 0 ? min - 1 : min;
            box->setSpecialValueText(text(k.zeroMeans));
        }
        box->setLocale(QLocale::c()); // no group separators of the user's locale in the text
        box->setRange(zeroAt_.value_or(min), int(k.max));
        if (!k.unit.empty())
            box->setSuffix(QLatin1Char(' ') + text(k.unit));
        if (k.max >= 10000)
            box->setSingleStep(100);
        connect(box, &QSpinBox::valueChanged, this, &KnobEditor::edited);
    }
    KnobValue value() const override { return int64_t(box_->value() == zeroAt_ ? 0 : box_->value()); }
    void setValue(const KnobValue& v) override
    {
        const int64_t i = std::get<int64_t>(v);
        box_->setValue(i == 0 && zeroAt_ ? *zeroAt_ : int(i));
    }

private:
    QSpinBox* box_;
    std::optional<int> zeroAt_; // the spin box value that stands for 0, if 0 has a meaning
};

class RealEditor : public KnobEditor {
public:
    RealEditor(const Knob& k, RealSpinBox* box) : KnobEditor(k, box), box_(box)
    {
        connect(box, &QDoubleSpinBox::valueChanged, this, &KnobEditor::edited);
    }
    KnobValue value() const override { return box_->value(); }
    void setValue(const KnobValue& v) override { box_->setValue(std::get<double>(v)); }

private:
    RealSpinBox* box_;
};

class BoolEditor : public KnobEditor {
public:
    BoolEditor(const Knob& k, QCheckBox* box) : KnobEditor(k, box), box_(box)
    {
        box->setText(text(k.label));
        connect(box, &QCheckBox::toggled, this, &KnobEditor::edited);
    }
    KnobValue value() const override { return box_->isChecked(); }
    void setValue(const KnobValue& v) override { box_->setChecked(std::get<bool>(v)); }

private:
    QCheckBox* box_;
};

class ChoiceEditor : public KnobEditor {
public:
    ChoiceEditor(const Knob& k, QComboBox* box) : KnobEditor(k, box), box_(box)
    {
        for (const std::string& c : k.choices)
            box->addItem(text(c));
        connect(box, &QComboBox::currentIndexChanged, this, &KnobEditor::edited);
    }
    KnobValue value() const override { return knob().choices.at(size_t(std::max(0, box_->currentIndex()))); }
    void setValue(const KnobValue& v) override { box_->setCurrentIndex(box_->findText(text(std::get<std::string>(v)))); }

private:
    QComboBox* box_;
};

// Seeds (0 to 2^64 - 1), text, and whole numbers beyond an int: the text is
// parsed by the table's parser; while it is not valid the last valid value
// stays, and leaving the field shows that value again.
class LineEditor : public KnobEditor {
public:
    LineEditor(const Knob& k, QLineEdit* edit) : KnobEditor(k, edit), edit_(edit), value_(k.defaultValue())
    {
        edit->setValidator(new KnobValidator(k, edit));
        connect(edit, &QLineEdit::textEdited, this, [this](const QString& t) {
            if (edit_->hasAcceptableInput()) {
                value_ = adaround::parseKnobValue(knob(), t.toStdString());
                emit edited();
            }
        });
        edit->installEventFilter(this);
        edit->setText(text(adaround::formatKnobValue(value_)));
    }
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        // Leaving the field with text that is not (yet) valid shows the value in use again.
        if (event->type() == QEvent::FocusOut && !edit_->hasAcceptableInput())
            edit_->setText(text(adaround::formatKnobValue(value_)));
        return KnobEditor::eventFilter(watched, event);
    }
    KnobValue value() const override { return value_; }
    void setValue(const KnobValue& v) override
    {
        const bool changed = v != value_;
        value_ = v;
        edit_->setText(text(adaround::formatKnobValue(v)));
        if (changed)
            emit edited();
    }

private:
    QLineEdit* edit_;
    KnobValue value_;
};

} // namespace

KnobEditor::KnobEditor(const Knob& knob, QWidget* widget) : QObject(widget), knob_(knob), widget_(widget)
{
    widget->setObjectName(text(knob.key));
    widget->setToolTip(text(knob.help));
    if (qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QComboBox*>(widget))
        WheelGuard::install(widget); // the wheel steps a number only while the user edits it
}

KnobEditor* KnobEditor::create(const Knob& k, QWidget* parent)
{
    const bool fitsInt = k.min >= std::numeric_limits<int>::min() && k.max <= std::numeric_limits<int>::max();
    switch (k.type) {
    case KnobType::Bool:
        return new BoolEditor(k, new QCheckBox(parent));
    case KnobType::Int:
        if (fitsInt)
            return new SpinEditor(k, new QSpinBox(parent));
        break;
    case KnobType::Real:
        return new RealEditor(k, new RealSpinBox(k, parent));
    case KnobType::Choice:
        return new ChoiceEditor(k, new QComboBox(parent));
    case KnobType::UInt64:
    case KnobType::Text:
        break;
    }
    return new LineEditor(k, new QLineEdit(parent));
}
