@NullMarked
package com.coaching.exports.shared.source;

import org.jspecify.annotations.NullMarked;
