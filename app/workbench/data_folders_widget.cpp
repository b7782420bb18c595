#include "data_folders_widget.h"

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
                       "from it. The labels are not used."));
    eval_ = addRow(tr("Evaluation images"),
                   tr("An image folder with one subfolder per class (sorted names give the class indices), for "
                      "top-1 and top-5 accuracy."));
}

QLineEdit* DataFoldersWidget::addRow(const QString& label, const QString& tip)
{
    auto* edit = new QLineEdit(this);
    edit->setToolTip(tip);
    edit->setPlaceholderText(tr("folder with one subfolder per class"));
    edit->setClearButtonEnabled(true);
    auto* browse = new QToolButton(this);
    browse->setText(tr("..."));
    browse->setToolTip(tr("Choose the folder"));
    connect(browse, &QToolButton::clicked, this, [this, edit, label] {
        const QString dir = QFileDialog::getExistingDirectory(this, label, edit->text());
        if (!dir.isEmpty()) {
            edit->setText(dir);
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
