//! A resumed upload after a lost connection, against the real binary over
//! TCP: a chunk is cut off half-way (the client promised more bytes than it
//! sent, then hung up), the client asks where the upload stands, sends the
//! rest from there, and downloads a file identical to the original.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::binary::serve;
use crate::requests_support::new_key;

/// A raw HTTP/1.1 exchange: the head (request line and headers, each
/// ending in CRLF) and a body; answers the status, the head and the body.
fn exchange(address: &str, head: &str, body: &[u8]) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(address).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "{head}Host: {address}\r\nConnection: close\r\n\r\n").unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8(response[..split].to_vec()).unwrap();
    let status = head[9..12].parse().expect("a status line");
    (status, head, response[split + 4..].to_vec())
}

/// The value of `name` in a response head.
fn header(head: &str, name: &str) -> String {
    head.lines()
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
        .unwrap_or_default()
}

fn patch_head(id: &str, key: &str, offset: usize, length: usize) -> String {
    format!(
        "PATCH /api/v1/attachments/{id} HTTP/1.1\r\nX-Access-Key: {key}\r\n\
         Content-Type: application/offset+octet-stream\r\nUpload-Offset: {offset}\r\n\
         Content-Length: {length}\r\n"
    )
}

#[tokio::test]
async fn a_resumed_upload_after_a_dropped_connection_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, address, _lines) = serve(&dir).await;
    let key = new_key();
    let mut file = vec![0u8; 1_500_000];
    rand::rngs::OsRng.fill_bytes(&mut file);
    file[..9].copy_from_slice(b"%PDF-1.7\n");

    let body = json!({"name": "报告.pdf", "size": file.len(), "type": "application/pdf"});
    let body = body.to_string();
    let head = format!(
        "POST /api/v1/attachments HTTP/1.1\r\nX-Access-Key: {key}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    let (status, _, created) = exchange(&address, &head, body.as_bytes());
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&created));
    let created: serde_json::Value = serde_json::from_slice(&created).unwrap();
    let id = created["id"].as_str().unwrap().to_string();

    // A first chunk goes through whole.
    let first = 400_000;
    let (status, head, _) = exchange(&address, &patch_head(&id, &key, 0, first), &file[..first]);
    assert_eq!(status, 204);
    assert_eq!(header(&head, "upload-offset"), first.to_string());

    // The second promises 800 000 bytes, sends 300 000, and the line drops.
    let mut stream = TcpStream::connect(&address).unwrap();
    let promised = patch_head(&id, &key, first, 800_000);
    write!(stream, "{promised}Host: {address}\r\n\r\n").unwrap();
    stream.write_all(&file[first..first + 300_000]).unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    stream.shutdown(Shutdown::Both).unwrap();
    drop(stream);
    std::thread::sleep(Duration::from_millis(200));

    // After a "reload": where does the upload stand?
    let head = format!("HEAD /api/v1/attachments/{id} HTTP/1.1\r\nX-Access-Key: {key}\r\n");
    let (status, head, _) = exchange(&address, &head, b"");
    assert_eq!(status, 200);
    let offset: usize = header(&head, "upload-offset").parse().unwrap();
    assert_eq!(offset, first, "the cut-off chunk must not count");
    assert_eq!(header(&head, "upload-length"), file.len().to_string());

    // The rest, from there, in two chunks.
    let middle = offset + 600_000;
    for (from, to) in [(offset, middle), (middle, file.len())] {
        let (status, head, _) = exchange(
            &address,
            &patch_head(&id, &key, from, to - from),
            &file[from..to],
        );
        assert_eq!(status, 204);
        assert_eq!(header(&head, "upload-offset"), to.to_string());
    }

    let head = format!("GET /api/v1/attachments/{id} HTTP/1.1\r\nX-Access-Key: {key}\r\n");
    let (status, head, downloaded) = exchange(&address, &head, b"");
    assert_eq!(status, 200);
    assert_eq!(header(&head, "content-type"), "application/pdf");
    assert_eq!(Sha256::digest(&downloaded), Sha256::digest(&file));
    // Stored under a server-made name in the data directory.
    let stored = std::fs::read_dir(dir.path().join("data/attachments"))
        .unwrap()
        .count();
    assert_eq!(stored, 1);
    let _ = child.kill();
    let _ = child.wait();
}
