@NullMarked
package com.coaching.exports.shared.audit;

import org.jspecify.annotations.NullMarked;
