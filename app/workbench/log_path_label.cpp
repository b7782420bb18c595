#include "log_path_label.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMenu>

LogPathLabel::LogPathLabel(QWidget* parent)
    : QLabel(parent), opener_([](const QUrl& url) { QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("logPath"));
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(this, &QLabel::linkActivated, this, [this] { openFolder(); });
    hide();
}

void LogPathLabel::setPath(const QString& path)
{
    path_ = path;
    if (path.isEmpty()) {
        clear();
        hide();
        return;
    }
    const QString native = QDir::toNativeSeparators(path);
    setText(tr("log: <a href=\"folder\">%1</a>").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    setToolTip(tr("%1\nClick to open its folder; right-click to copy the path.").arg(native));
    show();
}

void LogPathLabel::copyPath() const
{
    QApplication::clipboard()->setText(QDir::toNativeSeparators(path_));
}

void LogPathLabel::openFolder() const
{
    if (!path_.isEmpty())
        opener_(QUrl::fromLocalFile(QFileInfo(path_).absolutePath()));
}

void LogPathLabel::contextMenuEvent(QContextMenuEvent* event)
{
    if (path_.isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(tr("Copy Path"), this, &LogPathLabel::copyPath);
    menu.addAction(tr("Open Containing Folder"), this, &LogPathLabel::openFolder);
    menu.exec(event->globalPos());
}
