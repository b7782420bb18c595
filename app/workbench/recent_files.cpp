#include "recent_files.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

RecentFiles::RecentFiles(const QString& settingsKey, QMenu* menu, QObject* parent)
    : QObject(parent), key_(settingsKey), menu_(menu)
{
    rebuild();
}

QStringList RecentFiles::files() const
{
    return QSettings().value(key_).toStringList();
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMax)
        list.removeLast();
    QSettings().setValue(key_, list);
    rebuild();
}

void RecentFiles::rebuild()
{
    menu_->clear();
    const QStringList list = files();
    for (int i = 0; i < list.size(); ++i) {
        const QString path = list[i];
        QAction* a = menu_->addAction(QStringLiteral("&%1 %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName()));
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] { emit chosen(path); });
    }
    if (list.isEmpty())
        menu_->addAction(tr("(none)"))->setEnabled(false);
    else {
        menu_->addSeparator();
        menu_->addAction(tr("Clear list"), this, [this] {
            QSettings().remove(key_);
            rebuild();
        });
    }
    menu_->setEnabled(true);
}
