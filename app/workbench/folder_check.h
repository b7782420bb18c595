#pragma once
// The check of an image folder that the workbench runs as soon as one is chosen:
// the run's own scan (ImageFolder::scan, with the same class list), so what it
// refuses is refused here, before Run; plus warnings about what the run would
// silently skip. Blocking file-system work: call it off the GUI thread.
#include "adaround/image_folder.h"

#include <QString>

#include <string>
#include <vector>

struct FolderCheck {
    enum Level { Unchecked, Ok, Warning, Error };
    Level level = Unchecked;
    QString text;                     // "1,024 images in 10 classes", or the problem
    std::vector<std::string> classes; // the label space found (for the evaluation folder's check)

    bool failed() const { return level == Error; }
};

// Checks DIR as an image folder with LIST's classes (empty: its sorted subfolders).
FolderCheck checkImageFolder(const QString& dir, const adaround::ClassList& list = {});
