#include "wheel_guard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>

WheelGuard* WheelGuard::instance()
{
    // One filter for the whole application, owned by it.
    static WheelGuard* guard = new WheelGuard(qApp);
    return guard;
}

void WheelGuard::install(QWidget* editor)
{
    if (!editor)
        return;
    editor->setFocusPolicy(Qt::StrongFocus);
    editor->installEventFilter(instance()); // installing twice keeps one entry
}

void WheelGuard::installInside(QWidget* root)
{
    for (QAbstractSpinBox* w : root->findChildren<QAbstractSpinBox*>())
        install(w);
    for (QComboBox* w : root->findChildren<QComboBox*>())
        install(w);
    for (QAbstractSlider* w : root->findChildren<QAbstractSlider*>())
        if (!w->inherits("QScrollBar")) // scroll bars scroll: that is what the wheel is for
            install(w);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Wheel)
        return false;
    const auto* w = qobject_cast<QWidget*>(watched);
    if (!w || w->hasFocus())
        return false;
    // Not for this field: ignored, so QApplication offers it to the parents (the scroll area).
    event->ignore();
    return true;
}
