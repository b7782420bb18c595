#include "help_pages.h"

#include "help_texts.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace helppages {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("helppages", text);
}

// The page named NAME under PARENT, made once: a plain window with a browser.
QTextBrowser* page(QWidget* parent, const QString& name, const QString& title, QSize size)
{
    if (auto* existing = parent->findChild<QDialog*>(name, Qt::FindDirectChildrenOnly)) {
        existing->show();
        existing->raise();
        existing->activateWindow();
        return existing->findChild<QTextBrowser*>();
    }
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(name);
    dialog->setWindowTitle(title);
    dialog->setModal(false);
    auto* browser = new QTextBrowser(dialog);
    browser->setOpenExternalLinks(true);
    auto* layout = new QVBoxLayout(dialog);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(browser);
    dialog->resize(size);
    dialog->show();
    return browser;
}

// Menu paths of the actions under MENU ("Run > Cancel"), depth first.
void collect(const QList<QAction*>& actions, const QString& path, QSet<const QAction*>& seen, QString& rows)
{
    for (QAction* a : actions) {
        if (a->isSeparator() || seen.contains(a))
            continue;
        seen.insert(a);
        const QString name = QString(a->text()).remove(QLatin1Char('&')).remove(QStringLiteral("..."));
        const QString here = path.isEmpty() ? name : path + QStringLiteral(" › ") + name;
        if (a->menu()) {
            collect(a->menu()->actions(), here, seen, rows);
            continue;
        }
        if (a->shortcuts().isEmpty() || name.isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts())
            keys << QStringLiteral("<b>%1</b>").arg(k.toString(QKeySequence::NativeText).toHtmlEscaped());
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(keys.join(QStringLiteral(", ")), here.toHtmlEscaped());
    }
}

} // namespace

QString userGuidePath()
{
    const QString app = QCoreApplication::applicationDirPath();
    for (const QString& p : {app + QStringLiteral("/../share/adaround-workbench/docs/workbench.md"),
                             QStringLiteral(ADAROUND_SOURCE_DOCS_DIR "/workbench.md"),
                             QStringLiteral(ADAROUND_INSTALL_DOCS_DIR "/workbench.md")})
        if (QFileInfo::exists(p))
            return QDir::cleanPath(QFileInfo(p).absoluteFilePath());
    return {};
}

QString shortcutsHtml(const QMainWindow* window)
{
    QString rows;
    QSet<const QAction*> seen;
    collect(window->menuBar()->actions(), {}, seen, rows);
    collect(window->actions(), {}, seen, rows); // shortcuts that live outside the menus
    return QStringLiteral("<h2>%1</h2><table cellpadding=\"4\"><tr><th align=\"left\">%2</th><th align=\"left\">%3</th>"
                          "</tr>%4</table><p>%5</p>")
        .arg(tr("Keyboard shortcuts"), tr("Keys"), tr("Action"), rows,
             tr("Shift+F1, then a click on a view, explains that view."));
}

QTextBrowser* showUserGuide(QWidget* parent)
{
    QTextBrowser* browser = page(parent, QStringLiteral("helpUserGuide"), tr("AdaRound Workbench — User Guide"), {820, 640});
    const QString path = userGuidePath();
    if (path.isEmpty())
        browser->setHtml(tr("<p>The user guide (docs/workbench.md) was not found beside the program or in its "
                            "source tree.</p>"));
    else if (browser->source().isEmpty())
        browser->setSource(QUrl::fromLocalFile(path), QTextDocument::MarkdownResource);
    return browser;
}

QTextBrowser* showShortcuts(QMainWindow* window)
{
    QTextBrowser* browser = page(window, QStringLiteral("helpShortcuts"), tr("Keyboard Shortcuts"), {560, 560});
    browser->setHtml(shortcutsHtml(window)); // again each time: actions may have changed
    return browser;
}

QTextBrowser* showLookingAt(QWidget* parent, const QString& view)
{
    QTextBrowser* browser = page(parent, QStringLiteral("helpLookingAt"), tr("What Am I Looking At?"), {640, 640});
    if (browser->toPlainText().isEmpty())
        browser->setHtml(helptexts::lookingAtPage());
    if (!view.isEmpty())
        browser->scrollToAnchor(view);
    return browser;
}

} // namespace helppages
