//! PKCS#11 tokens as keystores: HSMs, smart cards, YubiKeys, cloud HSMs
//! with a PKCS#11 library, and SoftHSM.
//!
//! A token is named by an RFC 7512 URI, `pkcs11:token=NAME;object=LABEL`.
//! The module (the vendor's `.so`) is loaded with `dlopen` by the `cryptoki`
//! crate. Keys are generated on the token (`CKA_EXTRACTABLE` false,
//! `CKA_SENSITIVE` true) and never leave it: pkjwt asks the token to sign.
//! Each key's self-signed certificate is stored beside it as a
//! `CKO_CERTIFICATE` object with the same `CKA_ID` and `CKA_LABEL`; the
//! label is the key's kid. The JWS algorithm of an RSA key (RS256 or PS256)
//! is kept in a small `CKO_DATA` object (application `pkjwt`) with the same
//! label, as the keystore file keeps it in a bag attribute. A key's rotation
//! state is a second `CKO_DATA` object (application `pkjwt-state`) with the
//! same label; `object=LABEL` in a URI also selects the keys `pkjwt rotate`
//! made for LABEL (`LABEL-rUNIX`, see [`selects`]).
//!
//! Signatures: ES256 with `CKM_ECDSA` over a SHA-256 digest computed here
//! (the token returns raw `r||s`, the JWS form), RS256 with
//! `CKM_SHA256_RSA_PKCS`, PS256 with `CKM_SHA256_RSA_PKCS_PSS` (MGF1-SHA256,
//! 32-byte salt).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{
    Attribute, AttributeType, CertificateType, KeyType, ObjectClass, ObjectHandle,
};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;

use crate::keystore::keys::{Alg, ExternalKey, KeyPair, PublicKey, RsaPublic};
use crate::keystore::state::StateRecord;
use crate::keystore::{Entry, Keystore};
use crate::secret::Password;

/// The URI scheme that names a token instead of a keystore file.
pub(crate) const SCHEME: &str = "pkcs11:";
/// The environment variable naming the PKCS#11 module.
pub(crate) const MODULE_ENV: &str = "PKJWT_PKCS11_MODULE";
/// The `CKA_APPLICATION` of pkjwt's data objects.
const APPLICATION: &[u8] = b"pkjwt";
/// The `CKA_APPLICATION` of the data object that holds a key's rotation
/// state (`state=next;since=UNIX`, as [`StateRecord::encode`] writes it).
const STATE_APPLICATION: &[u8] = b"pkjwt-state";
/// What joins a URI's object label and the time in the label of a key made
/// by `pkjwt rotate`: `object=client` also selects `client-r1764500000`.
pub(crate) const ROTATED_INFIX: &str = "-r";

/// Whether `label` is selected by a URI whose object is `object`: the label
/// itself, or a key rotate made for it (`OBJECT-rDIGITS`).
pub fn selects(object: &str, label: &str) -> bool {
    label == object
        || label
            .strip_prefix(object)
            .and_then(|r| r.strip_prefix(ROTATED_INFIX))
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// The label of the key `pkjwt rotate` makes at `unix` for a URI whose
/// object is `object` (or, without one, for `pkjwt`).
pub fn rotated_label(object: Option<&str>, unix: u64) -> String {
    format!("{}{ROTATED_INFIX}{unix}", object.unwrap_or("pkjwt"))
}

/// Errors from tokens and their URIs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Pkcs11Error {
    /// A URI that is not a `pkcs11:` URI pkjwt understands.
    #[error("{uri:?} is not a PKCS#11 URI pkjwt understands: {reason}")]
    Uri {
        /// The URI as given.
        uri: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A URI that carries the PIN (`pin-value`), refused: it would be visible to every user of the machine.
    #[error("{uri:?} carries a PIN (pin-value): a PIN on the command line is visible to every user of the machine")]
    PinInUri {
        /// The URI as given with the PIN's value replaced by `***`: the
        /// message never shows the PIN.
        uri: String,
    },
    /// No module to load: neither the URI's `module-path` nor one named by the caller.
    #[error("no PKCS#11 module to load for {uri}")]
    NoModule {
        /// The URI.
        uri: String,
    },
    /// The URI's `module-path` and the module the caller named differ.
    #[error(
        "the PKCS#11 URI names the module {} (module-path), but {} is the module named by --pkcs11-module or {MODULE_ENV}",
        .in_uri.display(),
        .named.display()
    )]
    ModuleConflict {
        /// The module the caller named.
        named: PathBuf,
        /// The module the URI names.
        in_uri: PathBuf,
    },
    /// The module could not be loaded or initialised.
    #[error("cannot load the PKCS#11 module {}: {reason}", .module.display())]
    Module {
        /// The module's path.
        module: PathBuf,
        /// The loader's or the module's error.
        reason: String,
    },
    /// No token with the URI's label in the module.
    #[error("no token {label:?} in the PKCS#11 module {}", .module.display())]
    NoToken {
        /// The label asked for.
        label: String,
        /// The module.
        module: PathBuf,
        /// The labels of the tokens present.
        available: Vec<String>,
    },
    /// The URI names no token and the module has several.
    #[error("the PKCS#11 module {} has {} tokens: say which with token=NAME in the URI", .module.display(), .available.len())]
    WhichToken {
        /// The module.
        module: PathBuf,
        /// The labels of the tokens present.
        available: Vec<String>,
    },
    /// The token refused the PIN.
    #[error("wrong PIN for the token {token:?}")]
    WrongPin {
        /// The token's label.
        token: String,
    },
    /// The token locked its PIN after too many wrong ones.
    #[error("the PIN of the token {token:?} is locked (too many wrong PINs)")]
    PinLocked {
        /// The token's label.
        token: String,
    },
    /// The token already has an object with the label pkjwt would create.
    #[error("the token {token:?} already has an object labelled {label:?}")]
    Exists {
        /// The token's label.
        token: String,
        /// The object label.
        label: String,
    },
    /// A token operation failed.
    #[error("the token {token:?} cannot {op}: {reason}")]
    Token {
        /// The token's label.
        token: String,
        /// What was being done (`open a session`, `generate a key`, ...).
        op: &'static str,
        /// The module's error.
        reason: String,
    },
}

/// A parsed `pkcs11:` URI (RFC 7512). Only what pkjwt uses is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uri {
    /// The URI as given, for messages.
    pub text: String,
    /// `token=`: the token's label.
    pub token: Option<String>,
    /// `object=`: the key's label.
    pub object: Option<String>,
    /// `id=`: the key's CKA_ID, percent-decoded.
    pub id: Option<Vec<u8>>,
    /// `serial=`: the token's serial number.
    pub serial: Option<String>,
    /// `slot-id=`: the slot, as the module numbers it.
    pub slot_id: Option<u64>,
    /// `?module-path=`.
    pub module_path: Option<PathBuf>,
}

/// True when `path` is a `pkcs11:` URI rather than a file.
pub fn is_uri(path: &Path) -> bool {
    path.to_str().is_some_and(|s| {
        s.get(..SCHEME.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(SCHEME))
    })
}

/// What stays unescaped in a URI pkjwt writes: RFC 7512's `pk11-pchar`
/// without `&` (kept for the query) and the reserved `;`, `?`, `%`, `/`.
const URI_ESCAPE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',');

fn pct_decode(v: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(v).collect()
}

fn pct_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, URI_ESCAPE).to_string()
}

impl Uri {
    /// Parse `pkcs11:attr=value;attr=value?query=value&...`. Unknown
    /// attributes are ignored (RFC 7512 section 2.3 lets vendors add some);
    /// a PIN in the URI (`pin-value`) is refused.
    pub fn parse(text: &str) -> Result<Uri, Pkcs11Error> {
        let bad = |reason: String| Pkcs11Error::Uri {
            uri: text.into(),
            reason,
        };
        if !is_uri(Path::new(text)) {
            return Err(bad("it does not begin with pkcs11:".into()));
        }
        let rest = &text[SCHEME.len()..];
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, q),
            None => (rest, ""),
        };
        let mut uri = Uri {
            text: text.to_string(),
            ..Uri::default()
        };
        let string = |v: &str| -> Result<String, Pkcs11Error> {
            String::from_utf8(pct_decode(v))
                .map_err(|_| bad(format!("{v:?} is not UTF-8 once decoded")))
        };
        for attr in path.split(';').filter(|a| !a.is_empty()) {
            let (k, v) = attr
                .split_once('=')
                .ok_or_else(|| bad(format!("{attr:?} is not name=value")))?;
            match k {
                "token" => uri.token = Some(string(v)?),
                "object" => uri.object = Some(string(v)?),
                "id" => uri.id = Some(pct_decode(v)),
                "serial" => uri.serial = Some(string(v)?),
                "slot-id" => {
                    uri.slot_id = Some(
                        v.parse()
                            .map_err(|_| bad(format!("slot-id {v:?} is not a number")))?,
                    )
                }
                "type" => {
                    let t = string(v)?;
                    if !matches!(t.as_str(), "private" | "public" | "cert") {
                        return Err(bad(format!(
                            "type={t} does not name a key: use type=private or leave it out"
                        )));
                    }
                }
                "pin-value" => {
                    return Err(Pkcs11Error::PinInUri {
                        uri: redact_pin(text),
                    })
                }
                _ => {}
            }
        }
        for attr in query.split('&').filter(|a| !a.is_empty()) {
            let (k, v) = attr.split_once('=').unwrap_or((attr, ""));
            match k {
                "pin-value" => {
                    return Err(Pkcs11Error::PinInUri {
                        uri: redact_pin(text),
                    })
                }
                "module-path" => uri.module_path = Some(PathBuf::from(string(v)?)),
                _ => {}
            }
        }
        Ok(uri)
    }

    /// The URI of one object of this token (for messages and `keys list`).
    pub fn with_object(&self, label: &str) -> String {
        let token = self.token.as_deref().unwrap_or("");
        format!(
            "pkcs11:token={};object={}",
            pct_encode(token),
            pct_encode(label)
        )
    }
}

/// The module to load. A module named outside the URI (`--pkcs11-module`
/// or `PKJWT_PKCS11_MODULE`, which the CLI passes as `named`) wins, and a
/// URI whose `?module-path=` names another one is refused: a URI comes from
/// a profile or `PKJWT_KEYSTORE` and must not choose which library's code
/// runs. The URI's `module-path` is loaded only when nothing else names a
/// module.
pub fn module_for(uri: &Uri, named: Option<&Path>) -> Result<PathBuf, Pkcs11Error> {
    let same = |a: &Path, b: &Path| {
        a == b
            || matches!(
                (std::fs::canonicalize(a), std::fs::canonicalize(b)),
                (Ok(x), Ok(y)) if x == y
            )
    };
    match (
        named.filter(|m| !m.as_os_str().is_empty()),
        &uri.module_path,
    ) {
        (Some(named), Some(in_uri)) if !same(named, in_uri) => Err(Pkcs11Error::ModuleConflict {
            named: named.to_path_buf(),
            in_uri: in_uri.clone(),
        }),
        (Some(named), _) => Ok(named.to_path_buf()),
        (None, Some(in_uri)) => Ok(in_uri.clone()),
        (None, None) => Err(Pkcs11Error::NoModule {
            uri: uri.text.clone(),
        }),
    }
}

/// The start of PKCS#11 3.0's `CK_INTERFACE`: the name, then the function
/// list (the flags that follow are not read).
#[repr(C)]
struct CkInterface {
    _name: *mut u8,
    function_list: *mut std::ffi::c_void,
}

/// Refuse a module whose `C_GetInterface` or `C_GetFunctionList` says
/// `CKR_OK` and gives a NULL function list: `cryptoki` would read through
/// it and the process would die (SIGSEGV). Both calls may be made before
/// `C_Initialize`, as often as wanted, and return the module's static list.
fn check_function_list(module: &Path) -> Result<(), String> {
    use std::ffi::{c_ulong, c_void};
    use std::ptr::null_mut;
    type GetInterface =
        unsafe extern "C" fn(*mut u8, *mut c_void, *mut *mut CkInterface, c_ulong) -> c_ulong;
    type GetFunctionList = unsafe extern "C" fn(*mut *mut c_void) -> c_ulong;
    // SAFETY: loading a PKCS#11 module runs its initialisers, as naming the
    // module asks for (cryptoki loads it again next). The two symbols are
    // called with the signatures PKCS#11 gives them, with valid pointers to
    // locals for their outputs; a non-NULL interface is read unaligned (the
    // structures are packed on Windows).
    unsafe {
        let lib = libloading::Library::new(module).map_err(|e| e.to_string())?;
        if let Ok(get) = lib.get::<GetInterface>(b"C_GetInterface\0") {
            let mut iface: *mut CkInterface = null_mut();
            if get(null_mut(), null_mut(), &mut iface, 0) == 0 && !iface.is_null() {
                let list = std::ptr::read_unaligned(std::ptr::addr_of!((*iface).function_list));
                if list.is_null() {
                    return Err(
                        "its C_GetInterface returned CKR_OK and no function list: it is not a working PKCS#11 module".into(),
                    );
                }
            }
        }
        if let Ok(get) = lib.get::<GetFunctionList>(b"C_GetFunctionList\0") {
            let mut list: *mut c_void = null_mut();
            if get(&mut list) == 0 && list.is_null() {
                return Err(
                    "its C_GetFunctionList returned CKR_OK and no function list: it is not a working PKCS#11 module".into(),
                );
            }
        }
    }
    Ok(())
}

/// The most objects one search of a token may return.
pub(crate) const MAX_OBJECTS: usize = 1024;

/// An open, logged-in session on one token. Dropping it logs out and
/// finalizes the module.
pub struct Token {
    /// Serialises calls: a `Session` may not be used by two threads at once.
    session: Mutex<Session>,
    /// The token's label.
    pub label: String,
    uri: Uri,
    // Kept last, so the session closes before the module is finalized.
    _ctx: Pkcs11,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Token({:?})", self.label)
    }
}

fn reason(e: &CkError) -> String {
    match e {
        CkError::Pkcs11(rv, f) => format!("{f} returned {}", rv_name(*rv)),
        other => other.to_string(),
    }
}

/// The PKCS#11 return value by its CKR_ name: the long descriptions of
/// `cryptoki` are paragraphs.
fn rv_name(rv: RvError) -> String {
    let dbg = format!("{rv:?}");
    let mut out = String::from("CKR");
    for c in dbg.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

impl Token {
    /// Load `module`, find the token the URI names and open a read-write
    /// session on it (not logged in yet).
    pub fn open(module: &Path, uri: &Uri) -> Result<Token, Pkcs11Error> {
        let load = |e: CkError| Pkcs11Error::Module {
            module: module.to_path_buf(),
            reason: match &e {
                CkError::LibraryLoading(l) => l.to_string(),
                other => reason(other),
            },
        };
        check_function_list(module).map_err(|reason| Pkcs11Error::Module {
            module: module.to_path_buf(),
            reason,
        })?;
        let ctx = Pkcs11::new(module).map_err(load)?;
        ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .map_err(load)?;
        let slots = ctx.get_slots_with_initialized_token().map_err(load)?;
        let mut found: Vec<(Slot, String, String)> = Vec::new();
        for s in slots {
            if let Ok(info) = ctx.get_token_info(s) {
                found.push((
                    s,
                    info.label().trim_end().to_string(),
                    info.serial_number().trim_end().to_string(),
                ));
            }
        }
        let available: Vec<String> = found.iter().map(|f| f.1.clone()).collect();
        let matching: Vec<&(Slot, String, String)> = found
            .iter()
            .filter(|(s, label, serial)| {
                uri.token.as_ref().is_none_or(|t| t == label)
                    && uri.serial.as_ref().is_none_or(|t| t == serial)
                    && uri.slot_id.is_none_or(|id| id == s.id())
            })
            .collect();
        let (slot, label) = match matching.as_slice() {
            [(slot, label, _)] => (*slot, label.clone()),
            [] => {
                return Err(Pkcs11Error::NoToken {
                    label: uri.token.clone().unwrap_or_default(),
                    module: module.to_path_buf(),
                    available,
                })
            }
            _ => {
                return Err(Pkcs11Error::WhichToken {
                    module: module.to_path_buf(),
                    available,
                })
            }
        };
        let session = ctx.open_rw_session(slot).map_err(|e| Pkcs11Error::Token {
            token: label.clone(),
            op: "open a session",
            reason: reason(&e),
        })?;
        let mut uri = uri.clone();
        uri.token = Some(label.clone());
        Ok(Token {
            session: Mutex::new(session),
            label,
            uri,
            _ctx: ctx,
        })
    }

    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn fail(&self, op: &'static str) -> impl Fn(CkError) -> Pkcs11Error + '_ {
        move |e| Pkcs11Error::Token {
            token: self.label.clone(),
            op,
            reason: reason(&e),
        }
    }

    /// Log in as the user with `pin`.
    pub fn login(&self, pin: &Password) -> Result<(), Pkcs11Error> {
        let secret = cryptoki::types::AuthPin::from(pin.expose().to_string());
        match self.session().login(UserType::User, Some(&secret)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => Ok(()),
            Err(CkError::Pkcs11(RvError::PinIncorrect | RvError::PinLenRange, _)) => {
                Err(Pkcs11Error::WrongPin {
                    token: self.label.clone(),
                })
            }
            Err(CkError::Pkcs11(RvError::PinLocked, _)) => Err(Pkcs11Error::PinLocked {
                token: self.label.clone(),
            }),
            Err(e) => Err(self.fail("log in")(e)),
        }
    }

    /// The objects matching `template`: at most [`MAX_OBJECTS`], checked
    /// while reading (the token chooses how many it reports).
    fn find(&self, template: &[Attribute]) -> Result<Vec<ObjectHandle>, Pkcs11Error> {
        let found: Vec<ObjectHandle> = self
            .session()
            .iter_objects(template)
            .map_err(self.fail("search its objects"))?
            .take(MAX_OBJECTS + 1)
            .collect::<Result<_, _>>()
            .map_err(self.fail("search its objects"))?;
        if found.len() > MAX_OBJECTS {
            return Err(Pkcs11Error::Token {
                token: self.label.clone(),
                op: "be read",
                reason: format!("it reports more than {MAX_OBJECTS} matching objects"),
            });
        }
        Ok(found)
    }

    fn attr(&self, h: ObjectHandle, t: AttributeType) -> Option<Attribute> {
        self.session()
            .get_attributes(h, &[t])
            .ok()
            .and_then(|mut v| v.pop())
    }

    fn bytes(&self, h: ObjectHandle, t: AttributeType) -> Option<Vec<u8>> {
        match self.attr(h, t)? {
            Attribute::Label(b)
            | Attribute::Id(b)
            | Attribute::Value(b)
            | Attribute::EcPoint(b)
            | Attribute::Modulus(b)
            | Attribute::PublicExponent(b) => Some(b),
            _ => None,
        }
    }

    /// A boolean attribute of an object (`CKA_EXTRACTABLE`, `CKA_SENSITIVE`, ...).
    pub fn flag(&self, h: ObjectHandle, t: AttributeType) -> Option<bool> {
        match self.attr(h, t)? {
            Attribute::Extractable(b)
            | Attribute::Sensitive(b)
            | Attribute::NeverExtractable(b)
            | Attribute::AlwaysSensitive(b)
            | Attribute::Private(b)
            | Attribute::Token(b) => Some(b),
            _ => None,
        }
    }

    /// The URI this token was opened with (its token name filled in).
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The private keys on the token (those the URI's object or id names, if
    /// it names one; an object also selects the keys `pkjwt rotate` made for
    /// it, see [`selects`]), each with its public key, certificate,
    /// algorithm and rotation state.
    pub fn entries(self: &Arc<Self>) -> Result<Vec<(Entry, ObjectHandle)>, Pkcs11Error> {
        let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
        if let Some(id) = &self.uri.id {
            template.push(Attribute::Id(id.clone()));
        }
        let mut out = Vec::new();
        for h in self.find(&template)? {
            let label = self
                .bytes(h, AttributeType::Label)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            if let Some(o) = &self.uri.object {
                if !selects(o, &label) {
                    continue;
                }
            }
            let id = self.bytes(h, AttributeType::Id).unwrap_or_default();
            let with_id = |class: ObjectClass| -> Result<Option<ObjectHandle>, Pkcs11Error> {
                if id.is_empty() {
                    return Ok(None);
                }
                Ok(self
                    .find(&[Attribute::Class(class), Attribute::Id(id.clone())])?
                    .into_iter()
                    .next())
            };
            let cert = with_id(ObjectClass::CERTIFICATE)?
                .and_then(|c| self.bytes(c, AttributeType::Value));
            let key_type = match self.attr(h, AttributeType::KeyType) {
                Some(Attribute::KeyType(k)) => k,
                _ => continue,
            };
            let public = if key_type == KeyType::RSA {
                // An RSA private key object shows its modulus and exponent.
                match (
                    self.bytes(h, AttributeType::Modulus),
                    self.bytes(h, AttributeType::PublicExponent),
                ) {
                    (Some(n), Some(e)) => Some(PublicKey::Rsa(RsaPublic::new(&n, &e))),
                    _ => None,
                }
            } else if key_type == KeyType::EC {
                with_id(ObjectClass::PUBLIC_KEY)?
                    .and_then(|p| self.bytes(p, AttributeType::EcPoint))
                    .and_then(|point| ec_point(&point))
                    .map(PublicKey::Ec)
            } else {
                None
            };
            // Without a public key object, the certificate's key.
            let public = public.or_else(|| {
                cert.as_ref()
                    .and_then(|c| crate::keystore::cert::inspect(c).ok())
                    .and_then(|(_, pk)| pk.ok())
            });
            let Some(public) = public else { continue };
            let kid = if label.is_empty() {
                public.thumbprint()
            } else {
                label.clone()
            };
            let stored_alg = self
                .find(&[
                    Attribute::Class(ObjectClass::DATA),
                    Attribute::Application(APPLICATION.to_vec()),
                    Attribute::Label(label.as_bytes().to_vec()),
                ])?
                .into_iter()
                .next()
                .and_then(|d| self.bytes(d, AttributeType::Value))
                .and_then(|v| String::from_utf8(v).ok())
                .and_then(|a| a.parse::<Alg>().ok())
                .filter(|a| public.check_alg(*a).is_ok());
            let key = TokenKey {
                token: Arc::clone(self),
                handle: h,
                kid: kid.clone(),
            };
            let pair = KeyPair::external(public, Arc::new(key));
            let mut entry = Entry::new(kid, pair, cert, stored_alg);
            entry.stored_state = self
                .state_records(&label)?
                .into_iter()
                .map(|r| r.1)
                .max_by_key(|r| r.since);
            out.push((entry, h));
        }
        Ok(out)
    }

    /// The state records stored for `label` (normally one; two only when a
    /// replacement was cut short, and then the later one counts).
    fn state_records(&self, label: &str) -> Result<Vec<(ObjectHandle, StateRecord)>, Pkcs11Error> {
        Ok(self
            .find(&[
                Attribute::Class(ObjectClass::DATA),
                Attribute::Application(STATE_APPLICATION.to_vec()),
                Attribute::Label(label.as_bytes().to_vec()),
            ])?
            .into_iter()
            .filter_map(|d| {
                self.bytes(d, AttributeType::Value)
                    .and_then(|v| String::from_utf8(v).ok())
                    .and_then(|v| StateRecord::parse(&v))
                    .map(|r| (d, r))
            })
            .collect())
    }

    /// Store `rec` as the rotation state of the key labelled `label` (a
    /// data object beside it). The new record is written before the old one
    /// is destroyed, so the key always has one.
    pub fn set_state(&self, label: &str, rec: StateRecord) -> Result<(), Pkcs11Error> {
        let old = self.find(&[
            Attribute::Class(ObjectClass::DATA),
            Attribute::Application(STATE_APPLICATION.to_vec()),
            Attribute::Label(label.as_bytes().to_vec()),
        ])?;
        let data = [
            Attribute::Class(ObjectClass::DATA),
            Attribute::Token(true),
            Attribute::Private(false),
            Attribute::Application(STATE_APPLICATION.to_vec()),
            Attribute::Label(label.as_bytes().to_vec()),
            Attribute::Value(rec.encode().into_bytes()),
        ];
        self.session()
            .create_object(&data)
            .map_err(self.fail("store the key's state"))?;
        for h in old {
            self.session()
                .destroy_object(h)
                .map_err(self.fail("replace the key's state"))?;
        }
        Ok(())
    }

    /// Destroy the key labelled `label`: its private key first (from then on
    /// pkjwt no longer lists it), then its public key, certificate and data
    /// objects.
    pub fn destroy_key(&self, label: &str) -> Result<(), Pkcs11Error> {
        let l = Attribute::Label(label.as_bytes().to_vec());
        let private = self.find(&[Attribute::Class(ObjectClass::PRIVATE_KEY), l.clone()])?;
        for h in private {
            self.session()
                .destroy_object(h)
                .map_err(self.fail("destroy the private key"))?;
        }
        for h in self.find(&[l])? {
            self.session()
                .destroy_object(h)
                .map_err(self.fail("destroy the key's objects"))?;
        }
        Ok(())
    }

    /// The token's keys as a keystore in memory (never saved).
    pub fn keystore(self: &Arc<Self>) -> Result<Keystore, Pkcs11Error> {
        let mut ks = Keystore::new();
        ks.entries = self.entries()?.into_iter().map(|(e, _)| e).collect();
        Ok(ks)
    }

    /// Refuse a label that an object on the token already has.
    pub fn check_label_free(&self, label: &str) -> Result<(), Pkcs11Error> {
        if self
            .find(&[Attribute::Label(label.as_bytes().to_vec())])?
            .is_empty()
        {
            Ok(())
        } else {
            Err(Pkcs11Error::Exists {
                token: self.label.clone(),
                label: label.to_string(),
            })
        }
    }

    /// Generate a key pair on the token: the private key sensitive and not
    /// extractable, both halves stored on the token under `label`.
    pub fn generate(
        self: &Arc<Self>,
        alg: Alg,
        rsa_bits: usize,
        label: &str,
    ) -> Result<(KeyPair, Vec<u8>), Pkcs11Error> {
        let mut id = vec![0u8; 16];
        aws_lc_rs::rand::fill(&mut id).map_err(|_| Pkcs11Error::Token {
            token: self.label.clone(),
            op: "generate a key",
            reason: "the operating system gave no random bytes".into(),
        })?;
        let common = |private: bool| {
            vec![
                Attribute::Token(true),
                Attribute::Private(private),
                Attribute::Label(label.as_bytes().to_vec()),
                Attribute::Id(id.clone()),
            ]
        };
        let mut public_t = common(false);
        public_t.push(Attribute::Verify(true));
        let mut private_t = common(true);
        private_t.extend([
            Attribute::Sign(true),
            Attribute::Sensitive(true),
            Attribute::Extractable(false),
        ]);
        let mechanism = match alg {
            Alg::ES256 => {
                // The DER OID of P-256 (prime256v1).
                public_t.push(Attribute::EcParams(vec![
                    0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
                ]));
                Mechanism::EccKeyPairGen
            }
            Alg::RS256 | Alg::PS256 => {
                // CK_ULONG is 32 bits on Windows, 64 on 64-bit Unix.
                let bits =
                    std::ffi::c_ulong::try_from(rsa_bits).map_err(|_| Pkcs11Error::Token {
                        token: self.label.clone(),
                        op: "generate a key",
                        reason: format!("an RSA key of {rsa_bits} bits"),
                    })?;
                public_t.push(Attribute::ModulusBits(bits.into()));
                public_t.push(Attribute::PublicExponent(vec![0x01, 0x00, 0x01]));
                Mechanism::RsaPkcsKeyPairGen
            }
        };
        let (public_h, private_h) = self
            .session()
            .generate_key_pair(&mechanism, &public_t, &private_t)
            .map_err(self.fail("generate a key"))?;
        let public = match alg {
            Alg::ES256 => self
                .bytes(public_h, AttributeType::EcPoint)
                .and_then(|p| ec_point(&p))
                .map(PublicKey::Ec),
            _ => match (
                self.bytes(public_h, AttributeType::Modulus),
                self.bytes(public_h, AttributeType::PublicExponent),
            ) {
                (Some(n), Some(e)) => Some(PublicKey::Rsa(RsaPublic::new(&n, &e))),
                _ => None,
            },
        }
        .ok_or_else(|| Pkcs11Error::Token {
            token: self.label.clone(),
            op: "generate a key",
            reason: "the new public key cannot be read".into(),
        })?;
        if alg != public.default_alg() {
            // Record PS256 beside the key, as the keystore file's bag attribute does.
            let data = [
                Attribute::Class(ObjectClass::DATA),
                Attribute::Token(true),
                Attribute::Private(false),
                Attribute::Application(APPLICATION.to_vec()),
                Attribute::Label(label.as_bytes().to_vec()),
                Attribute::Value(alg.as_str().as_bytes().to_vec()),
            ];
            self.session()
                .create_object(&data)
                .map_err(self.fail("store the key's algorithm"))?;
        }
        let key = TokenKey {
            token: Arc::clone(self),
            handle: private_h,
            kid: label.to_string(),
        };
        Ok((KeyPair::external(public, Arc::new(key)), id))
    }

    /// Store a certificate beside the key with `id`, under `label`.
    pub fn store_certificate(&self, label: &str, id: &[u8], der: &[u8]) -> Result<(), Pkcs11Error> {
        let (issuer, subject) =
            crate::keystore::cert::names(der).ok_or_else(|| Pkcs11Error::Token {
                token: self.label.clone(),
                op: "store the certificate",
                reason: "the certificate does not decode".into(),
            })?;
        let template = [
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
            Attribute::Token(true),
            Attribute::Private(false),
            Attribute::Label(label.as_bytes().to_vec()),
            Attribute::Id(id.to_vec()),
            Attribute::Subject(subject),
            Attribute::Issuer(issuer),
            Attribute::Value(der.to_vec()),
        ];
        self.session()
            .create_object(&template)
            .map(|_| ())
            .map_err(self.fail("store the certificate"))
    }

    /// Give every object labelled `old` the label `new`.
    pub fn relabel(&self, old: &str, new: &str) -> Result<(), Pkcs11Error> {
        for h in self.find(&[Attribute::Label(old.as_bytes().to_vec())])? {
            self.session()
                .update_attributes(h, &[Attribute::Label(new.as_bytes().to_vec())])
                .map_err(self.fail("label the new key"))?;
        }
        Ok(())
    }

    /// Remove every object labelled `label` (a keygen that failed halfway).
    pub fn destroy_label(&self, label: &str) {
        if let Ok(handles) = self.find(&[Attribute::Label(label.as_bytes().to_vec())]) {
            for h in handles {
                let _ = self.session().destroy_object(h);
            }
        }
    }

    /// The private key object of `kid`, for tests and checks.
    pub fn private_key(&self, kid: &str) -> Result<Option<ObjectHandle>, Pkcs11Error> {
        Ok(self
            .find(&[
                Attribute::Class(ObjectClass::PRIVATE_KEY),
                Attribute::Label(kid.as_bytes().to_vec()),
            ])?
            .into_iter()
            .next())
    }

    fn sign(&self, h: ObjectHandle, alg: Alg, input: &[u8]) -> Result<Vec<u8>, CkError> {
        use sha2::Digest;
        let session = self.session();
        match alg {
            Alg::ES256 => {
                let digest = sha2::Sha256::digest(input);
                session.sign(&Mechanism::Ecdsa, h, &digest)
            }
            Alg::RS256 => session.sign(&Mechanism::Sha256RsaPkcs, h, input),
            Alg::PS256 => session.sign(
                &Mechanism::Sha256RsaPkcsPss(PkcsPssParams {
                    hash_alg: MechanismType::SHA256,
                    mgf: PkcsMgfType::MGF1_SHA256,
                    s_len: std::ffi::c_ulong::from(32u8).into(),
                }),
                h,
                input,
            ),
        }
    }
}

/// A P-256 point from `CKA_EC_POINT`: DER OCTET STRING around the
/// uncompressed point (as the standard says), or the bare point (as some
/// tokens return it).
fn ec_point(b: &[u8]) -> Option<p256::PublicKey> {
    let point = match b {
        [0x04, 0x41, rest @ ..] if rest.len() == 65 => rest,
        _ => b,
    };
    p256::PublicKey::from_sec1_bytes(point).ok()
}

/// One private key on a token; it signs there.
struct TokenKey {
    token: Arc<Token>,
    handle: ObjectHandle,
    kid: String,
}

impl ExternalKey for TokenKey {
    fn sign(&self, alg: Alg, input: &[u8]) -> Result<Vec<u8>, String> {
        self.token.sign(self.handle, alg, input).map_err(|e| {
            format!(
                "the PKCS#11 token {:?} refused to sign with {alg}: {}",
                self.token.label,
                reason(&e)
            )
        })
    }

    fn holder(&self) -> String {
        format!(
            "the PKCS#11 token {:?} (object {:?})",
            self.token.label, self.kid
        )
    }
}

/// `text` with the value of every `pin-value` attribute (path or query)
/// replaced by `***`, for messages.
fn redact_pin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("pin-value=") {
        let (head, tail) = rest.split_at(i + "pin-value=".len());
        out.push_str(head);
        out.push_str("***");
        let end = tail.find([';', '&', '?']).unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[path = "pkcs11_tests.rs"]
mod tests;
