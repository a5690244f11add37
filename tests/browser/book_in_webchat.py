"""Books an appointment in the visadesk web chat by clicking, as a person would, in a real
headless Chromium (Debian's chromium + chromedriver, driven by Selenium), downloads the .ics
and saves a screenshot.

usage: book_in_webchat.py BASE_URL DOWNLOAD_DIR SCREENSHOT
Prints one JSON line: {"ics": "<file contents>", "code_shown": bool}.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

base, downloads, screenshot = sys.argv[1], sys.argv[2], sys.argv[3]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--window-size=420,900", "--lang=en-US"]:
    options.add_argument(flag)
options.add_experimental_option("prefs", {
    "download.default_directory": downloads,
    "download.prompt_for_download": False,
    "intl.accept_languages": "en-US",
})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 20)


def active_buttons():
    return driver.find_elements(By.CSS_SELECTOR, ".choices button:not([disabled])")


def click(id_prefix):
    """Clicks the first active choice whose id starts with id_prefix."""
    def find(_):
        for b in active_buttons():
            if b.get_attribute("data-id").startswith(id_prefix):
                return b
        return False
    wait.until(find).click()


def type_line(text):
    box = driver.find_element(By.ID, "input")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    # Wait for the answer: the last bubble is a bot bubble again.
    wait.until(lambda d: "bot" in d.find_elements(By.CSS_SELECTOR, ".message")[-1].get_attribute("class"))


try:
    driver.get(base + "/")
    wait.until(lambda d: any(b.get_attribute("data-id") == "book" for b in active_buttons()))
    for prefix in ["book", "svc:", "city:", "office:", "day:", "slot:"]:
        click(prefix)
    time.sleep(0.2)
    type_line("Anna Example")
    click("nat:DEU")
    wait.until(lambda d: not any(b.get_attribute("data-id").startswith("nat:") for b in active_buttons()))
    type_line("E12345678")
    type_line("+86 138 0013 8000")
    click("confirm")
    link = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "a.download")))
    name = link.get_attribute("download")
    link.click()
    path = os.path.join(downloads, name)
    deadline = time.time() + 20
    while not os.path.exists(path) and time.time() < deadline:
        time.sleep(0.1)
    text = driver.find_elements(By.CSS_SELECTOR, ".message.bot")[-1].text
    driver.save_screenshot(screenshot)
    with open(path, encoding="utf-8") as f:
        ics = f.read()
    print(json.dumps({"ics": ics, "confirmation": text}))
finally:
    driver.quit()
