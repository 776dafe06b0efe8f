@NullMarked
package com.coaching.exports.testkit;

import org.jspecify.annotations.NullMarked;
