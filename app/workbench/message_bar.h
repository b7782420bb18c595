#pragma once
// A non-blocking message strip above the views: errors and notices stay until
// the user closes them or the next message replaces them; nothing waits on it.
#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum Kind { Info, Error };
    explicit MessageBar(QWidget* parent = nullptr);

    // With ACTION_TEXT, a button beside the text runs ACTION (once) and closes the bar.
    void showMessage(Kind kind, const QString& text, const QString& actionText = {},
                     std::function<void()> action = {});
    QString text() const; // empty while hidden (dismissed)
    Kind kind() const { return kind_; }
    QPushButton* actionButton() const { return actionButton_; }

private:
    QLabel* label_;
    QPushButton* actionButton_;
    std::function<void()> action_;
    Kind kind_ = Info;
};
