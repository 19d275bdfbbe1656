"""Fill sakoo/accounts/locale/fa/LC_MESSAGES/django.po from the table below (run after makemessages).

cd sakoo/accounts && django-admin makemessages -l fa --no-obsolete --no-wrap
python locale/fill_fa.py && msgfmt -o locale/fa/LC_MESSAGES/django.mo locale/fa/LC_MESSAGES/django.po
"""

import re
import sys
from pathlib import Path

FA = {
    "Sakoo administration": "مدیریت سکو",
    "Back office": "پیشخوان اداری",
    "Role and mobile": "نقش و شماره همراه",
    "Personal info": "اطلاعات شخصی",
    "Permissions": "مجوزها",
    "Important dates": "تاریخ‌های مهم",
    "mobile number": "شماره همراه",
    "event": "رویداد",
    "Accounts and roles": "حساب‌ها و نقش‌ها",
    "Mobile number": "شماره همراه",
    "For example 09123456789. We send a 6-digit code to this number.": "مثلاً ۰۹۱۲۳۴۵۶۷۸۹. یک کد ۶ رقمی به این شماره پیامک می‌شود.",
    "I am an employer (first login only)": "کارفرما هستم (فقط در نخستین ورود)",
    "Leave unticked if you are looking for work.": "اگر دنبال کار هستید، این گزینه را علامت نزنید.",
    "Code": "کد",
    "The 6-digit code in the SMS.": "کد ۶ رقمی داخل پیامک.",
    "The code has 6 digits.": "کد ۶ رقم دارد.",
    "Username": "نام کاربری",
    "Password": "گذرواژه",
    "Authenticator code": "کد برنامهٔ احراز هویت",
    "The 6-digit code your authenticator app shows now.": "کد ۶ رقمی که برنامهٔ احراز هویت شما هم‌اکنون نشان می‌دهد.",
    "Enter a mobile number such as 09121234567.": "شماره همراه را مانند ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید.",
    "Job seeker": "کارجو",
    "Employer": "کارفرما",
    "Agency officer": "کارشناس دستگاه اجرایی",
    "Bank officer": "کارشناس بانک عامل",
    "County officer": "کارشناس فرمانداری",
    "Labour-square coordinator": "مسئول میدان کارگری",
    "Province analyst": "کارشناس استانداری",
    "Province admin": "مدیر استانی",
    "role": "نقش",
    "Stored as 09xxxxxxxxx. Empty for staff without a mobile number.": "به شکل ۰۹xxxxxxxxx ذخیره می‌شود. برای کارکنانِ بدون شمارهٔ همراه خالی بماند.",
    "user": "کاربر",
    "users": "کاربران",
    "Executive agency": "دستگاه اجرایی",
    "Operating bank": "بانک عامل",
    "County governorate": "فرمانداری",
    "Municipality": "شهرداری",
    "kind": "نوع",
    "name": "نام",
    "code": "کد",
    "county": "شهرستان",
    "created at": "زمان ایجاد",
    "organisation": "سازمان",
    "organisations": "سازمان‌ها",
    "Another organisation of this kind already has this code.": "سازمان دیگری از همین نوع این کد را دارد.",
    "membership": "عضویت",
    "memberships": "عضویت‌ها",
    "This user is already a member of this organisation.": "این کاربر پیش‌تر عضو این سازمان شده است.",
    "Login": "ورود",
    "Failed login": "ورود ناموفق",
    "Locked out": "قفل موقت",
    "Logout": "خروج",
    "Code sent": "ارسال کد",
    "Code not sent (limit)": "کد فرستاده نشد (محدودیت)",
    "Wrong or expired code": "کد نادرست یا منقضی",
    "Wrong authenticator code": "کد نادرست برنامهٔ احراز هویت",
    "Authenticator added": "افزودن برنامهٔ احراز هویت",
    "Authenticator removed": "حذف برنامهٔ احراز هویت",
    "Access denied (403)": "دسترسی رد شد (۴۰۳)",
    "Access denied (404)": "دسترسی رد شد (۴۰۴)",
    "IP address": "نشانی IP",
    "user agent": "مرورگر",
    "path": "مسیر",
    "details": "جزئیات",
    "time": "زمان",
    "security event": "رویداد امنیتی",
    "security events": "رویدادهای امنیتی",
    "one-time code": "کد یک‌بارمصرف",
    "one-time codes": "کدهای یک‌بارمصرف",
    "SMS code": "کد پیامکی",
    "My account and security": "حساب من و امنیت",
    "Only job seekers and employers log in with a mobile number.": "تنها کارجویان و کارفرمایان با شماره همراه وارد می‌شوند.",
    "Staff accounts need a staff role.": "حساب کارکنان باید نقش کارکنان داشته باشد.",
    "Unknown role.": "نقش ناشناخته است.",
    "The name contains hidden direction characters; type it again.": "نام نویسه‌های پنهانِ جهت‌نما دارد؛ آن را دوباره تایپ کنید.",
    "A code is needed to find the organisation again.": "برای یافتن دوبارهٔ سازمان، کد لازم است.",
    "Your Sakoo login code. Do not give it to anyone.": "کد ورود شما به سکو. آن را به هیچ‌کس ندهید.",
    "Send a new code": "فرستادن کد تازه",
    "A new code can be sent after %(n)s seconds.": "کد تازه را پس از %(n)s ثانیه می‌توان فرستاد.",
    "Access denied": "دسترسی ندارید",
    "Your account does not have access to this page. If you think it should, ask the province administrator.": "حساب شما به این صفحه دسترسی ندارد. اگر فکر می‌کنید باید داشته باشد، از مدیر استانی بخواهید.",
    "Back to the home page": "بازگشت به صفحهٔ اصلی",
    "Log in": "ورود",
    "Log in to Sakoo": "ورود به سکو",
    "Job seekers and employers: mobile number": "کارجویان و کارفرمایان: شماره همراه",
    "No password needed: we send you a 6-digit code by SMS. The first time, your account is created.": "گذرواژه لازم نیست: یک کد ۶ رقمی برایتان پیامک می‌شود. در نخستین ورود، حساب شما ساخته می‌شود.",
    "Send the code": "فرستادن کد",
    "Staff: username and password": "کارکنان: نام کاربری و گذرواژه",
    "For officers of agencies, banks, governorates and municipalities, and province staff.": "برای کارشناسان دستگاه‌های اجرایی، بانک‌ها، فرمانداری‌ها و شهرداری‌ها و کارکنان استانداری.",
    "Enter the code": "کد را وارد کنید",
    'We sent a 6-digit code by SMS to <bdi dir="ltr">%(masked_phone)s</bdi>. It works for 5 minutes.': 'یک کد ۶ رقمی به <bdi dir="ltr">%(masked_phone)s</bdi> پیامک شد. این کد ۵ دقیقه اعتبار دارد.',
    "Use another number": "شمارهٔ دیگری وارد کنید",
    "Your account is protected with an authenticator app. Enter the code it shows now.": "حساب شما با برنامهٔ احراز هویت محافظت می‌شود. کدی را که هم‌اکنون نشان می‌دهد وارد کنید.",
    "Account": "حساب",
    "Role": "نقش",
    "Organisations": "سازمان‌ها",
    "None": "هیچ",
    "Authenticator app (two-step login)": "برنامهٔ احراز هویت (ورود دومرحله‌ای)",
    "Two-step login is on: after your password, Sakoo asks for the code of your authenticator app.": "ورود دومرحله‌ای روشن است: سکو پس از گذرواژه، کد برنامهٔ احراز هویت شما را می‌خواهد.",
    "Remove the authenticator": "حذف برنامهٔ احراز هویت",
    "Open an authenticator app (for example FreeOTP or Google Authenticator) and scan this code.": "یک برنامهٔ احراز هویت (مثلاً FreeOTP یا Google Authenticator) را باز کنید و این کد را اسکن کنید.",
    "Or type this key by hand:": "یا این کلید را دستی وارد کنید:",
    "Enter the 6-digit code the app shows, to confirm.": "برای تأیید، کد ۶ رقمی‌ای را که برنامه نشان می‌دهد وارد کنید.",
    "QR code for the authenticator app": "کد QR برای برنامهٔ احراز هویت",
    "Confirm": "تأیید",
    "Cancel": "انصراف",
    "Two-step login is off. Turn it on to protect your account even if your password leaks.": "ورود دومرحله‌ای خاموش است. آن را روشن کنید تا حتی اگر گذرواژه‌تان فاش شد، حسابتان امن بماند.",
    "Add an authenticator app": "افزودن برنامهٔ احراز هویت",
    "Staff login": "ورود کارکنان",
    "Job seeker or employer? Log in with your mobile number.": "کارجو یا کارفرما هستید؟ با شماره همراه وارد شوید.",
    "Try again in %(n)s seconds.": "%(n)s ثانیهٔ دیگر دوباره تلاش کنید.",
    "Try again in %(n)s minutes.": "%(n)s دقیقهٔ دیگر دوباره تلاش کنید.",
    "Try again in %(n)s hours.": "%(n)s ساعت دیگر دوباره تلاش کنید.",
    "A code was sent a moment ago. You can ask for a new one soon.": "کد همین حالا فرستاده شد. به‌زودی می‌توانید کد تازه بخواهید.",
    "Too many codes were sent to this number.": "کدهای زیادی به این شماره فرستاده شد.",
    "Too many codes were requested from your connection.": "درخواست‌های کد از اتصال شما زیاد بوده است.",
    "This code has expired. Ask for a new code.": "این کد منقضی شده است. کد تازه بخواهید.",
    "This code has already been used. Ask for a new code.": "این کد قبلاً به کار رفته است. کد تازه بخواهید.",
    "Too many wrong codes. This code no longer works; ask for a new code.": "کدهای نادرست زیادی وارد شد. این کد دیگر کار نمی‌کند؛ کد تازه بخواهید.",
    "The code is not correct. Attempts left: %(n)s.": "کد درست نیست. تلاش‌های باقی‌مانده: %(n)s.",
    "Too many wrong codes from your connection.": "کدهای نادرست زیادی از اتصال شما وارد شد.",
    "No valid code was sent to this number. Ask for a new code.": "کد معتبری برای این شماره فرستاده نشده است. کد تازه بخواهید.",
    "This number cannot log in with an SMS code. Staff: use the staff login.": "این شماره نمی‌تواند با کد پیامکی وارد شود. کارکنان: از ورود کارکنان استفاده کنید.",
    "The SMS could not be sent just now. Please try again in a few minutes.": "پیامک هم‌اکنون فرستاده نشد. لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید.",
    "Enter your mobile number first.": "نخست شماره همراه خود را وارد کنید.",
    "A new code was sent. Earlier codes no longer work.": "کد تازه فرستاده شد. کدهای پیشین دیگر کار نمی‌کنند.",
    "Too many failed logins.": "تلاش‌های ناموفق ورود زیاد بوده است.",
    "The username or password is not correct.": "نام کاربری یا گذرواژه درست نیست.",
    "Log in with your username and password first.": "نخست با نام کاربری و گذرواژه وارد شوید.",
    "The authenticator code is not correct.": "کد برنامهٔ احراز هویت درست نیست.",
    "Authenticator app": "برنامهٔ احراز هویت",
    "The authenticator was added. From now on, log in with its code.": "برنامهٔ احراز هویت افزوده شد. از این پس با کد آن وارد شوید.",
    "The authenticator was removed.": "برنامهٔ احراز هویت حذف شد.",
}


def _unquote(s: str) -> str:
    return s.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _quote(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


ENTRY = re.compile(r'((?:^#.*\n)*)^msgid ((?:".*"\n)+)^msgstr ((?:".*"\n)+)', re.M)


def fill(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    missing = []

    def replace(m: re.Match) -> str:
        comments, msgid_block, msgstr_block = m.groups()
        msgid = "".join(_unquote(line[1:-1]) for line in msgid_block.strip().split("\n"))
        if msgid == "":
            header = msgstr_block.replace("charset=CHARSET", "charset=UTF-8")
            header = re.sub(
                r'"Plural-Forms:.*\\n"', '"Plural-Forms: nplurals=2; plural=(n > 1);\\\\n"', header
            )
            header = header.replace('"Language: \\n"', '"Language: fa\\n"')
            return comments.replace("#, fuzzy\n", "") + f"msgid {msgid_block}msgstr {header}"
        comments = comments.replace("#, fuzzy\n", "").replace(", fuzzy", "")
        if msgid not in FA:
            missing.append(msgid)
            return m.group(0)
        return f'{comments}msgid {msgid_block}msgstr "{_quote(FA[msgid])}"\n'

    path.write_text(ENTRY.sub(replace, text), encoding="utf-8")
    return missing


if __name__ == "__main__":
    po = Path(__file__).parent / "fa" / "LC_MESSAGES" / "django.po"
    missing = fill(po)
    for msgid in missing:
        print("MISSING:", repr(msgid), file=sys.stderr)
    sys.exit(1 if missing else 0)
