@NullMarked
package com.coaching.exports.local;

import org.jspecify.annotations.NullMarked;
