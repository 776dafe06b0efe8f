@NullMarked
package com.coaching.exports.shared;

import org.jspecify.annotations.NullMarked;
