#include "message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent), label_(new QLabel(this)), actionButton_(new QPushButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Dismiss"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(label_, 1);
    layout->addWidget(actionButton_, 0, Qt::AlignTop);
    layout->addWidget(close, 0, Qt::AlignTop);
    actionButton_->hide();
    connect(actionButton_, &QPushButton::clicked, this, [this] {
        const auto action = std::move(action_); // the action may show the next message
        action_ = nullptr;
        hide();
        if (action)
            action();
    });
    hide();
}

void MessageBar::showMessage(Kind kind, const QString& text, const QString& actionText, std::function<void()> action)
{
    action_ = std::move(action);
    kind_ = kind;
    actionButton_->setText(actionText);
    actionButton_->setVisible(!actionText.isEmpty() && action_);
    setStyleSheet(kind == Error ? QStringLiteral("MessageBar { background: #fde2e1; border: 1px solid #e0a0a0; }"
                                                 " QLabel { color: #7a1010; }")
                                : QStringLiteral("MessageBar { background: #e3eefc; border: 1px solid #a8c4ea; }"
                                                 " QLabel { color: #123a6b; }"));
    label_->setText(text);
    QFrame::show();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : label_->text(); // shown, even while the window is not
}
