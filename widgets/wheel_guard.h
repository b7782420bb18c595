#pragma once
// Mouse-wheel edits only on the field being edited. Over an unfocused spin box
// or combo box the wheel passes on to the scroll area around it (the panel
// scrolls, "Eval subset" stays 1,000); click or tab into the field and the
// wheel steps it as usual. The guarded fields also no longer take focus from
// the wheel (Qt::StrongFocus instead of Qt::WheelFocus).
#include <QObject>

class QWidget;

class WheelGuard : public QObject {
    Q_OBJECT
public:
    // Guards EDITOR (a spin box, combo box or slider).
    static void install(QWidget* editor);
    // Guards every spin box, combo box and slider inside ROOT (created so far).
    static void installInside(QWidget* root);

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
    static WheelGuard* instance();
};
