@NullMarked
package com.coaching.exports.shared.link;

import org.jspecify.annotations.NullMarked;
