// Closing the window while a run is going: asked first, without blocking (the
// run and the views keep going while the question is open).
#include "main_window.h"

#include "run_controller.h"

#include <QMessageBox>
#include <QPushButton>

void MainWindow::askToCloseDuringRun()
{
    if (closeQuestion_) {
        closeQuestion_->raise();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Quit during a run"), tr("Cancel the run and quit?"),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("closeDuringRun"));
    box->setInformativeText(tr("The run stops after its current step; its log keeps the layers finished so far."));
    QPushButton* quit = box->addButton(tr("Cancel Run and Quit"), QMessageBox::AcceptRole);
    quit->setObjectName(QStringLiteral("quit"));
    QPushButton* keep = box->addButton(tr("Keep Running"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepRunning"));
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    closeQuestion_ = box;
    connect(box, &QMessageBox::finished, this, [this, box, quit] {
        closeQuestion_ = nullptr;
        if (box->clickedButton() != quit)
            return;
        closeConfirmed_ = true;
        close(); // the run may have ended meanwhile: then this simply closes
    });
    box->open();
}
