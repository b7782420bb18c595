#include "data_folders_widget.h"

#include "adaround/class_list.h"
#include "adaround/error.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

DataFoldersWidget::DataFoldersWidget(QWidget* parent) : QWidget(parent)
{
    new QFormLayout(this);
    calib_ = addRow(tr("Calibration images"),
                    tr("An image folder with one subfolder per class; AdaRound samples its calibration images "
                       "from it. Without a class list its sorted subfolder names are the model's classes, so it "
                       "must then hold as many classes as the model has outputs."),
                    false);
    eval_ = addRow(tr("Evaluation images"),
                   tr("An image folder with one subfolder per class, for top-1 and top-5 accuracy. Its subfolders "
                      "are matched by name to the model's classes (the class list, or the calibration folder's), "
                      "so it may hold only some of them."),
                   false);
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
