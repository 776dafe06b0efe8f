@NullMarked
package com.coaching.exports.shared.secret;

import org.jspecify.annotations.NullMarked;
