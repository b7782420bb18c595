#pragma once
// A non-blocking message strip above the views: errors and notices stay until
// the user closes them or the next message replaces them; nothing waits on it.
#include <QFrame>

class QLabel;

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum Kind { Info, Error };
    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& text);
    QString text() const;

private:
    QLabel* label_;
};
