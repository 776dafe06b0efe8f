@NullMarked
package com.coaching.exports.shared.tx;

import org.jspecify.annotations.NullMarked;
