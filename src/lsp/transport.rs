//! Messages over stdin and stdout, framed with `Content-Length` headers.
//!
//! `lsp_server`'s own stdio transport stops reading at the first message
//! it cannot parse; this one reports it to the server as a
//! [`MALFORMED`] notification and goes on with the next message.

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{Connection, Message, Notification};
use std::io::{self, BufRead, Write};
use std::thread;

/// The method of the notification standing for a message that could not
/// be read; its parameter says why.
pub const MALFORMED: &str = "$/coquille/malformed";

/// What reading one message gave.
#[derive(Debug)]
pub enum Read {
    /// A message.
    Message(Message),
    /// A message that could not be read, and why.
    Malformed(String),
    /// The end of the input.
    End,
}

/// Reads one message from `input`.
pub fn read_message(input: &mut impl BufRead) -> io::Result<Read> {
    let mut length = None;
    let mut line = String::new();
    let mut any_header = false;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(if any_header {
                Read::Malformed("the input ended inside a header".into())
            } else {
                Read::End
            });
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if any_header {
                break;
            }
            continue;
        }
        any_header = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Ok(Read::Malformed(
            "a header without a valid Content-Length".into(),
        ));
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Read::Message(message),
        Err(e) => Read::Malformed(format!("not a JSON-RPC message: {e}")),
    })
}

/// The threads moving messages between the standard streams and the
/// server.
pub struct Threads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Threads {
    /// Waits for the writer to send everything the server sent. The reader
    /// is left alone: it may be blocked on a stdin the client keeps open.
    pub fn finish(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// A connection over stdin and stdout.
pub fn stdio() -> io::Result<(Connection, Threads)> {
    let (to_server, receiver): (Sender<Message>, Receiver<Message>) = bounded(0);
    let (sender, to_client): (Sender<Message>, Receiver<Message>) = unbounded();
    let reader = thread::Builder::new()
        .name("coquille-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            loop {
                let message = match read_message(&mut input) {
                    Ok(Read::Message(m)) => m,
                    Ok(Read::Malformed(why)) => {
                        Message::Notification(Notification::new(MALFORMED.into(), why))
                    }
                    Ok(Read::End) | Err(_) => return,
                };
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_server.send(message).is_err() || exit {
                    return;
                }
            }
        })?;
    let writer = thread::Builder::new()
        .name("coquille-lsp-writer".into())
        .spawn(move || {
            let stdout = io::stdout();
            let mut out = stdout.lock();
            for message in to_client {
                if message.write(&mut out).and_then(|()| out.flush()).is_err() {
                    return;
                }
            }
        })?;
    Ok((Connection { sender, receiver }, Threads { reader, writer }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_malformed_message_does_not_stop_the_reading() {
        let input = [
            frame("{not json"),
            "Content-Type: x\r\n\r\n".into(),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let mut input = io::Cursor::new(input.into_bytes());
        assert!(matches!(read_message(&mut input), Ok(Read::Malformed(_))));
        assert!(matches!(read_message(&mut input), Ok(Read::Malformed(_))));
        match read_message(&mut input) {
            Ok(Read::Message(Message::Notification(n))) => assert_eq!(n.method, "initialized"),
            other => panic!("expected a notification, got {other:?}"),
        }
        assert!(matches!(read_message(&mut input), Ok(Read::End)));
    }
}
