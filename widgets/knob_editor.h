#pragma once
// One knob's editor, chosen by the knob's type in the knob table: a spin box
// for whole numbers and reals (exact, '.' as decimal point in every locale),
// a check box for Bool, a combo box of the table's words for Choice, and a
// validated line edit for seeds (the whole uint64 range) and text. The label,
// tooltip (the knob's help), range, unit and "0 means" text all come from the
// table, so a new knob needs no editor code.
#include "adaround/knobs.h"

#include <QObject>

class QWidget;

class KnobEditor : public QObject {
    Q_OBJECT
public:
    // The editor's widget is a child of PARENT and owns the editor.
    static KnobEditor* create(const adaround::Knob& knob, QWidget* parent);

    const adaround::Knob& knob() const { return knob_; }
    QWidget* widget() const { return widget_; }

    // The last valid value shown: text being typed that is not valid yet does not count.
    virtual adaround::KnobValue value() const = 0;
    virtual void setValue(const adaround::KnobValue& value) = 0;

signals:
    void edited(); // the user (or a setValue) changed the value

protected:
    KnobEditor(const adaround::Knob& knob, QWidget* widget);

private:
    const adaround::Knob& knob_;
    QWidget* widget_;
};
