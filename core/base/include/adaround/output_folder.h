#pragma once
// A folder of outputs written as a whole: filled under a hidden temporary
// sibling name and renamed into place only when complete, so that a failure
// (disk full, a killed process) leaves the target as it was and no half-written
// folder behind.
#include "adaround/file_io.h"

#include <functional>
#include <string>
#include <vector>

namespace adaround {

// Whether an existing entry (a relative path inside the folder) may be
// replaced by --force; anything else makes the folder no one's to replace.
using ReplaceableEntry = std::function<bool(const std::string& relativePath, bool isFolder)>;

// Checks, before any work, that DIR may become the output folder WHAT: it is
// not an input nor inside one, and no input lies inside it (an export must not
// swallow the model or the images); if it exists it is a folder, empty unless
// REPLACE, and then holds only REPLACEABLE entries; its parent exists (created
// if missing) and is writable. Throws Error with a one-line reason; FORCE_HINT
// ("--force replaces a previous export") is added where it helps.
void checkOutputFolder(const std::string& dir, const std::vector<NamedInput>& inputs, bool replace,
                       const ReplaceableEntry& replaceable, const std::string& what, const std::string& forceHint);

class StagedFolder {
public:
    // Creates the hidden sibling ".<name>.partial-XXXXXX" of DIR. Throws Error.
    explicit StagedFolder(const std::string& dir);
    // Removes the staging folder unless commit() moved it into place.
    ~StagedFolder();
    StagedFolder(const StagedFolder&) = delete;
    StagedFolder& operator=(const StagedFolder&) = delete;

    const std::string& path() const { return staging_; }

    // Puts the staged folder at DIR: a rename if DIR is missing or empty; with
    // REPLACE an atomic exchange with the existing DIR, whose old content is
    // then removed. Throws Error (DIR unchanged) on failure.
    void commit(bool replace);

private:
    std::string dir_;
    std::string staging_;
    bool committed_ = false;
};

} // namespace adaround
