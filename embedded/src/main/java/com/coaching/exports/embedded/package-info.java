@NullMarked
package com.coaching.exports.embedded;

import org.jspecify.annotations.NullMarked;
