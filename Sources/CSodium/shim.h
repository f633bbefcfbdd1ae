#ifndef KEEPSAKE_CSODIUM_SHIM_H
#define KEEPSAKE_CSODIUM_SHIM_H

// The one C header Keepsake uses. Only KeepsakeCrypto imports this module.
#include <sodium.h>

#endif
