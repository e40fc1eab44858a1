// The authenticator set-up page leaves an empty #qrCode with the otpauth:// URI beside it.
(function () {
    const data = document.getElementById("qrCodeData");
    const target = document.getElementById("qrCode");
    if (!data || !target) return;
    const img = document.createElement("img");
    img.src = document.body.dataset.qrEndpoint + "?text=" + encodeURIComponent(data.getAttribute("data-url"));
    img.alt = "QR code for your authenticator app";
    img.width = 200;
    target.appendChild(img);
    const hint = target.parentElement && target.parentElement.querySelector(".alert-info");
    if (hint) hint.remove();
})();
