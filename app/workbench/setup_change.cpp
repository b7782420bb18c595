#include "setup_change.h"

SetupChange::SetupChange(const QString& text, SetupSnapshot before, SetupSnapshot after, Restore restore)
    : QUndoCommand(text), before_(std::move(before)), after_(std::move(after)), restore_(std::move(restore))
{
}

void SetupChange::undo()
{
    restore_(before_);
}

void SetupChange::redo()
{
    if (done_) { // QUndoStack::push calls redo() on a change that is made already
        done_ = false;
        return;
    }
    restore_(after_);
}
