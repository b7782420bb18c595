#include "folder_check.h"

#include "adaround/error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <map>

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("FolderCheck", text, nullptr, n);
}

bool isImage(const QFileInfo& f)
{
    static const QStringList exts{QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                  QStringLiteral("bmp")};
    return exts.contains(f.suffix().toLower());
}

QString joinFew(const QStringList& names)
{
    const int shown = 3;
    QString s = names.mid(0, shown).join(QStringLiteral(", "));
    if (names.size() > shown)
        s += tr(" and %n more", int(names.size() - shown));
    return s;
}

} // namespace

FolderCheck checkImageFolder(const QString& dir, const adaround::ClassList& list)
{
    FolderCheck check;
    if (dir.trimmed().isEmpty())
        return check;
    const std::string rootPath = QDir::cleanPath(dir.trimmed()).toStdString();
    adaround::ImageFolder folder;
    try {
        folder = adaround::ImageFolder::scan(rootPath, list);
    } catch (const adaround::Error& e) {
        check.level = FolderCheck::Error;
        check.text = QString::fromStdString(e.what());
        return check;
    }
    check.classes = folder.classes();
    check.level = FolderCheck::Ok;
    check.text = tr("%1 images in %n class folder(s)", int(folder.presentClasses().size()))
                     .arg(QLocale().toString(qlonglong(folder.samples().size())));

    // What the run would skip without a word: images beside the class folders, class folders
    // without images, and images two levels down (the folder above the image folders).
    QStringList warnings;
    const QDir root(QString::fromStdString(rootPath));
    int loose = 0;
    for (const QFileInfo& f : root.entryInfoList(QDir::Files))
        loose += isImage(f);
    if (loose > 0)
        warnings << tr("%n image file(s) directly in the folder, outside the class folders, are not used", loose);
    std::map<int, int> perClass;
    int nested = 0;
    for (const adaround::ImageSample& s : folder.samples()) {
        ++perClass[s.label];
        // DIR/class/image.png is where an image belongs; DIR/a/b/image.png is a level deeper.
        const std::string inside = s.path.substr(std::min(s.path.size(), rootPath.size() + 1));
        nested += std::count(inside.begin(), inside.end(), '/') > 1;
    }
    QStringList empty;
    for (int label : folder.presentClasses())
        if (!perClass.count(label))
            empty << QString::fromStdString(folder.classes()[size_t(label)]);
    if (!empty.isEmpty())
        warnings << tr("%n class folder(s) hold no images: ", int(empty.size())) + joinFew(empty);
    if (nested == int(folder.samples().size()))
        warnings << tr("every image sits in a folder below the class folders: is this the folder above the image "
                       "folders?");
    if (!warnings.isEmpty()) {
        check.level = FolderCheck::Warning;
        check.text += QStringLiteral("; ") + warnings.join(QStringLiteral("; "));
    }
    return check;
}
