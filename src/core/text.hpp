#pragma once

#include "api/values.hpp"

#include <string>
#include <string_view>

namespace jne::core {

/// ASCII upper case and digits alone, as the API's grammar reads them.
using api::all_digits;
using api::to_upper;

/// Upper case with runs of blanks folded to one space and the ends trimmed:
/// the form in which names are compared and searched.
std::string normalise(std::string_view text);

/// A name as strangers may see it: each word's first letter (a whole UTF-8 character) and three
/// stars, whatever the word's length: "Budi Santoso" → "B*** S***". Words of punctuation are
/// left out ("PT - ABC" → "P*** A***"); a word starting with punctuation ("(Budi)") is
/// dropped too. Blank: blank.
std::string mask_name(std::string_view name);

}  // namespace jne::core
