@NullMarked
package com.coaching.exports.shared.storage;

import org.jspecify.annotations.NullMarked;
