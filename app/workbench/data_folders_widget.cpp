#include "data_folders_widget.h"

#include "adaround/class_list.h"
#include "adaround/error.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QThreadPool>
#include <QToolButton>

DataFoldersWidget::DataFoldersWidget(QWidget* parent) : QWidget(parent)
{
    new QFormLayout(this);
    calib_ = addRow(tr("Calibration images"),
                    tr("An image folder with one subfolder per class; AdaRound samples its calibration images "
                       "from it. Without a class list its sorted subfolder names are the model's classes, so it "
                       "must then hold as many classes as the model has outputs."),
                    false);
    calibStatus_ = addCheckRow(QStringLiteral("calibCheck"));
    eval_ = addRow(tr("Evaluation images"),
                   tr("An image folder with one subfolder per class, for top-1 and top-5 accuracy. Its subfolders "
                      "are matched by name to the model's classes (the class list, or the calibration folder's), "
                      "so it may hold only some of them."),
                   false);
    evalStatus_ = addCheckRow(QStringLiteral("evalCheck"));
    classes_ = addRow(tr("Class list (optional)"),
                      tr("A text file with the model's class names in output order, one per line (UTF-8), as "
                         "adaround-cli --classes FILE. Needed when the calibration folder holds only some classes. "
                         "Empty: the calibration folder's sorted subfolder names."),
                      true);
    classes_->setObjectName(QStringLiteral("classesFile"));
    connect(classes_, &QLineEdit::textEdited, this, [this] {
        settingsNames_.clear(); // the user's file replaces names from loaded settings
        showSettingsNames();
    });
    showSettingsNames();
    connect(this, &DataFoldersWidget::changed, this, &DataFoldersWidget::startCheck);
}

QLabel* DataFoldersWidget::addCheckRow(const QString& name)
{
    auto* label = new QLabel(this);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    static_cast<QFormLayout*>(layout())->addRow(QString(), label);
    return label;
}

void DataFoldersWidget::startCheck()
{
    const int generation = ++checkGeneration_;
    const QString calib = calibDir(), eval = evalDir();
    adaround::ClassList list;
    try {
        list = {classNames(), classesOrigin()};
    } catch (const adaround::Error&) {
        // A bad class-list file: Run names it; the folders are checked on their own.
    }
    // What needs no scan shows at once: an empty field, a path that is not there.
    const auto quick = [](const QString& dir) {
        FolderCheck c;
        if (!dir.isEmpty() && !QFileInfo::exists(dir)) {
            c.level = FolderCheck::Error;
            c.text = tr("%1: no such folder").arg(dir);
        }
        return c;
    };
    calibCheck_ = quick(calib);
    evalCheck_ = quick(eval);
    showCheck(calibStatus_, calibCheck_);
    showCheck(evalStatus_, evalCheck_);
    checking_ = calibCheck_.level == FolderCheck::Unchecked && !calib.isEmpty();
    checking_ = checking_ || (evalCheck_.level == FolderCheck::Unchecked && !eval.isEmpty());
    if (!checking_) {
        emit checked();
        return;
    }
    // The scan lists every file (10,000 for the demo's evaluation folder): off the GUI thread.
    QPointer<DataFoldersWidget> self(this);
    QThreadPool::globalInstance()->start([self, generation, calib, eval, list] {
        const FolderCheck c = checkImageFolder(calib, list);
        adaround::ClassList evalList = list;
        if (list.names.empty() && c.level != FolderCheck::Error && !c.classes.empty())
            evalList = {c.classes, "the calibration folder " + calib.toStdString()};
        const FolderCheck e = checkImageFolder(eval, evalList);
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, generation, c, e] {
            if (!self || generation != self->checkGeneration_)
                return; // closed, or another folder chosen meanwhile
            self->calibCheck_ = c;
            self->evalCheck_ = e;
            self->checking_ = false;
            self->showCheck(self->calibStatus_, c);
            self->showCheck(self->evalStatus_, e);
            emit self->checked();
        }, Qt::QueuedConnection);
    });
}

void DataFoldersWidget::showCheck(QLabel* label, const FolderCheck& check)
{
    static const char* const colours[] = {"palette(mid)", "palette(mid)", "#8a5a00", "#b3261e"};
    static const char* const marks[] = {"", "✓ ", "⚠ ", "✗ "};
    label->setVisible(check.level != FolderCheck::Unchecked);
    label->setText(QString::fromUtf8(marks[check.level]) + check.text);
    label->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(QLatin1String(colours[check.level])));
    label->setToolTip(check.text);
}

QString DataFoldersWidget::problem() const
{
    if (calibCheck_.failed())
        return tr("Calibration images: %1").arg(calibCheck_.text);
    if (evalCheck_.failed())
        return tr("Evaluation images: %1").arg(evalCheck_.text);
    return {};
}

DataFoldersWidget::Choice DataFoldersWidget::choice() const
{
    return {calib_->text(), eval_->text(), classes_->text(), settingsNames_};
}

void DataFoldersWidget::setChoice(const Choice& c)
{
    calib_->setText(c.calib);
    eval_->setText(c.eval);
    classes_->setText(c.classesFile);
    settingsNames_ = c.settingsNames;
    showSettingsNames();
    emit changed();
}

QLineEdit* DataFoldersWidget::addRow(const QString& label, const QString& tip, bool file)
{
    auto* edit = new QLineEdit(this);
    edit->setToolTip(tip);
    edit->setPlaceholderText(file ? tr("none: the calibration folder's classes")
                                  : tr("folder with one subfolder per class"));
    edit->setClearButtonEnabled(true);
    auto* browse = new QToolButton(this);
    browse->setText(tr("..."));
    browse->setToolTip(file ? tr("Choose the file") : tr("Choose the folder"));
    connect(browse, &QToolButton::clicked, this, [this, edit, label, file] {
        const QString path = file ? QFileDialog::getOpenFileName(this, label, edit->text(),
                                                                 tr("Class lists (*.txt);;All files (*)"))
                                  : QFileDialog::getExistingDirectory(this, label, edit->text());
        if (!path.isEmpty()) {
            edit->setText(path);
            if (file) {
                settingsNames_.clear();
                showSettingsNames();
            }
            emit changed();
        }
    });
    connect(edit, &QLineEdit::editingFinished, this, &DataFoldersWidget::changed);
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    static_cast<QFormLayout*>(layout())->addRow(label, row);
    return edit;
}

QString DataFoldersWidget::calibDir() const
{
    return calib_->text().trimmed();
}

QString DataFoldersWidget::evalDir() const
{
    return eval_->text().trimmed();
}

void DataFoldersWidget::setFolders(const QString& calib, const QString& eval)
{
    calib_->setText(calib);
    eval_->setText(eval);
    emit changed();
}

QString DataFoldersWidget::classesFile() const
{
    return classes_->text().trimmed();
}

void DataFoldersWidget::setClassesFile(const QString& path)
{
    classes_->setText(path);
    settingsNames_.clear();
    showSettingsNames();
    emit changed();
}

std::vector<std::string> DataFoldersWidget::classNames() const
{
    if (!classesFile().isEmpty())
        return adaround::readClassListFile(classesFile().toStdString());
    return settingsNames_;
}

std::string DataFoldersWidget::classesOrigin() const
{
    if (!classesFile().isEmpty())
        return "the class list " + classesFile().toStdString();
    return settingsNames_.empty() ? "" : "the class list of the loaded settings";
}

void DataFoldersWidget::setClassNames(const std::vector<std::string>& names)
{
    try {
        if (classNames() == names)
            return; // the file field already gives them
    } catch (const adaround::Error&) {
        // an unreadable file: the loaded names replace it
    }
    classes_->clear();
    settingsNames_ = names;
    showSettingsNames();
    emit changed();
}

void DataFoldersWidget::showSettingsNames()
{
    classes_->setPlaceholderText(settingsNames_.empty()
                                     ? tr("none: the calibration folder's classes")
                                     : tr("%n class name(s) from the loaded settings", nullptr,
                                          int(settingsNames_.size())));
}
