#pragma once

#include <filesystem>
#include <string>

namespace jne::test {

/// A fresh directory, removed with everything in it when the object goes.
class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// A file's whole content ("" when it cannot be read).
std::string read_file(const std::filesystem::path& path);

}  // namespace jne::test
