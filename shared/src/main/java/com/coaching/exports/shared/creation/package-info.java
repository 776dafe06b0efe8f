@NullMarked
package com.coaching.exports.shared.creation;

import org.jspecify.annotations.NullMarked;
